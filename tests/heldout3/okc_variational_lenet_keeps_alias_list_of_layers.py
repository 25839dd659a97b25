"""A variational LeNet keeps its variational layers twice: as attributes and in a `hidden_layers` list.

The report (Keras 3, JAX backend) builds `VariationalConv2d`/`VariationalDense` layers whose
weights are made in `build()` (a mean and a log-variance, used by the local
reparameterization noise in training), assigns each to an attribute and also collects them in
`self.hidden_layers = [self.conv1, ..., self.fc3]` to sum their KL regularization terms. Keras 3
tracks both references to the same layer and counts each weight once. Rewritten smaller, with a
`regularization()` helper that walks the list.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18689"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_variational_lenet_keeps_alias_list_of_layers.py:
as returned: VariationalNet, count_params() = 3648, 6 weights, unbuilt: none
after call: count_params() = 3648, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'variational_dense': 2304, 'variational_dense_1': 1024, 'variational_dense_2': 320}
second call: 0 variables watched that the first call did not use"""

import keras


class VariationalDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.seed_generator = keras.random.SeedGenerator(0)

    def build(self, input_shape):
        self.theta = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="theta")
        self.log_sigma2 = self.add_weight(shape=(input_shape[-1], self.units), initializer="zeros", name="log_sigma2")

    def regularization(self):
        return keras.ops.mean(keras.ops.log1p(keras.ops.exp(-self.log_sigma2)))

    def call(self, x, training=False):
        mu = keras.ops.matmul(x, self.theta)
        if not training:
            return mu
        sigma = keras.ops.sqrt(keras.ops.matmul(x * x, keras.ops.exp(self.log_sigma2)) + 1e-8)
        return mu + sigma * keras.random.normal(keras.ops.shape(mu), seed=self.seed_generator)


class VariationalNet(keras.Model):
    def __init__(self, n_class=10, **kwargs):
        super().__init__(**kwargs)
        self.flat = keras.layers.Flatten()
        self.fc1 = VariationalDense(32)
        self.fc2 = VariationalDense(16)
        self.fc3 = VariationalDense(n_class)
        self.hidden_layers = [self.fc1, self.fc2, self.fc3]

    def regularization(self):
        return sum(layer.regularization() for layer in self.hidden_layers)

    def call(self, x, training=False):
        x = self.flat(x)
        x = keras.ops.relu(self.fc1(x, training=training))
        x = keras.ops.relu(self.fc2(x, training=training))
        return self.fc3(x, training=training)


def build_model():
    model = VariationalNet()
    x = keras.random.uniform((2, 6, 6, 1), seed=0)
    model(x)
    return model, x
