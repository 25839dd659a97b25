"""Multi-task autoencoder whose layers are created by module-level lambdas (`conv`, `norm`, `elu`, `mlp`).

`op.py` defines the network's building blocks as module-level lambdas that instantiate a Keras
layer and immediately apply it (`conv = lambda x, features, ...: layers.Conv1D(...)(x)`), and
`model.py` strings them into encoder/decoder helpers feeding a two-headed functional Model
(classification + reconstruction). Layers made inside closures/lambdas look untracked, but each
is called on a symbolic tensor of the functional graph, so the Model tracks every Conv1D and
BatchNormalization: all are built, counted and get gradients.
"""

SOURCE = "https://github.com/Brandhsu/als/blob/ea4cd876b7fc0157f7da801354c348f4c05d1f3d/op.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py oku_als_module_lambda_layer_factories.py:
as returned: Functional, count_params() = 27766, 34 weights, unbuilt: none
after call: count_params() = 27766, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import Model, losses, optimizers
from tensorflow.keras import layers

# --- op.py: Model Operations
conv = lambda x, features, dr=1, name=None : layers.Conv1D(filters=features, kernel_size=1, strides=1, dilation_rate=dr, padding='same', name=name)(x)
elu  = lambda x: layers.ELU()(x)
norm = lambda x: layers.BatchNormalization()(x)
mlp  = lambda x, features, dr=1: elu(norm((conv(x, features, dr))))


# --- model.py: Model Blocks
def encoder(x, features):
    for f in features:
        x = mlp(x, f)
    return x

def decoder(x, features):
    features = features[::-1]
    for f in features:
        x = mlp(x, f)
    return x

def network(dataset):
    tf.random.set_seed(0)
    x = dataset.Input
    input_size = x.shape[-1]
    features = [128, 64]
    embed_size = 32
    outputs = {}

    x_ = encoder(x, features)
    embedding = mlp(x_, embed_size)
    x_ = decoder(embedding, features)

    classification = conv(embedding, 2, name=dataset.l1)
    reconstruction = conv(x_, input_size, name=dataset.l2)

    outputs[dataset.l1] = classification
    outputs[dataset.l2] = reconstruction

    return Model(x, outputs)

# --- Model Compile
def compile_(model, dataset, lr=1e-4):
    model.compile(
        optimizer=optimizers.Adam(learning_rate=lr),
        loss={dataset.l1: losses.SparseCategoricalCrossentropy(from_logits=True),
              dataset.l2: losses.MSE},
        metrics={dataset.l1: 'accuracy',
                 dataset.l2: 'mean_absolute_error'})
    return model


class _Dataset:
    """Stands in for data.py's dataset object: the Input tensor and the two head names."""
    def __init__(self, length=8, channels=20):
        self.Input = layers.Input(shape=(length, channels))
        self.l1 = "classification"
        self.l2 = "reconstruction"


def build_model():
    dataset = _Dataset()
    return compile_(network(dataset), dataset)
