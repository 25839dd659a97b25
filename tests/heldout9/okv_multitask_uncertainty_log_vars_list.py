"""Kendall et al. uncertainty-weighted multi-task loss as a layer: log-variances kept in a list, used only in add_loss.

The widely copied notebook implements "Multi-Task Learning Using Uncertainty to Weigh Losses" with a
CustomMultiLossLayer: `nb_outputs` and `is_placeholder` are set before `super().__init__()`, build()
starts from `self.log_vars = []` and grows it with `self.log_vars += [self.add_weight(...)]`, and
call() only adds the weighted loss (`add_loss`) and returns the concatenated inputs, so the
log-variances never reach the layer's output. The training model feeds the targets in as extra
Inputs. Here it is as ported to Keras 3 (keras.ops for the backend functions, `add_loss(loss)`
without the removed `inputs=` argument). Everything is tracked: both log-variances are counted and
trained through the added loss, and the attributes set before super().__init__ are plain config.
"""

SOURCE = "https://github.com/yaringal/multi-task-learning-example/blob/master/multi-task-learning-example.ipynb"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okv_multitask_uncertainty_log_vars_list.py:
as returned: Functional, count_params() = 132, 8 weights, unbuilt: none
after call: count_params() = 132, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_multi_loss_layer': 2}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine9a/mt.py): one fit([X, Y1, Y2], None) step changes both log_var weights; nb_outputs and is_placeholder set before super().__init__() survive (2, True)."""

import numpy as np
from keras import ops as K
from keras.initializers import Constant
from keras.layers import Dense, Input, Layer
from keras.models import Model

N = 100
nb_epoch = 2000
batch_size = 20
nb_features = 32
Q = 1
D1 = 1  # first output
D2 = 1  # second output


def gen_data(N):
    X = np.random.randn(N, Q)
    w1 = 2.
    b1 = 8.
    sigma1 = 1e1  # ground truth
    Y1 = X.dot(w1) + b1 + sigma1 * np.random.randn(N, D1)
    w2 = 3
    b2 = 3.
    sigma2 = 1e0  # ground truth
    Y2 = X.dot(w2) + b2 + sigma2 * np.random.randn(N, D2)
    return X, Y1, Y2


def get_prediction_model():
    inp = Input(shape=(Q,), name='inp')
    x = Dense(nb_features, activation='relu')(inp)
    y1_pred = Dense(D1)(x)
    y2_pred = Dense(D2)(x)
    return Model(inp, [y1_pred, y2_pred])


# Custom loss layer
class CustomMultiLossLayer(Layer):
    def __init__(self, nb_outputs=2, **kwargs):
        self.nb_outputs = nb_outputs
        self.is_placeholder = True
        super(CustomMultiLossLayer, self).__init__(**kwargs)

    def build(self, input_shape=None):
        # initialise log_vars
        self.log_vars = []
        for i in range(self.nb_outputs):
            self.log_vars += [self.add_weight(name='log_var' + str(i), shape=(1,),
                                              initializer=Constant(0.), trainable=True)]
        super(CustomMultiLossLayer, self).build(input_shape)

    def multi_loss(self, ys_true, ys_pred):
        assert len(ys_true) == self.nb_outputs and len(ys_pred) == self.nb_outputs
        loss = 0
        for y_true, y_pred, log_var in zip(ys_true, ys_pred, self.log_vars):
            precision = K.exp(-log_var[0])
            loss += K.sum(precision * (y_true - y_pred) ** 2. + log_var[0], -1)
        return K.mean(loss)

    def call(self, inputs):
        ys_true = inputs[:self.nb_outputs]
        ys_pred = inputs[self.nb_outputs:]
        loss = self.multi_loss(ys_true, ys_pred)
        self.add_loss(loss)
        # We won't actually use the output.
        return K.concatenate(inputs, -1)


def get_trainable_model(prediction_model):
    inp = Input(shape=(Q,), name='inp')
    y1_pred, y2_pred = prediction_model(inp)
    y1_true = Input(shape=(D1,), name='y1_true')
    y2_true = Input(shape=(D2,), name='y2_true')
    out = CustomMultiLossLayer(nb_outputs=2)([y1_true, y2_true, y1_pred, y2_pred])
    return Model([inp, y1_true, y2_true], out)


def build_model():
    prediction_model = get_prediction_model()
    trainable_model = get_trainable_model(prediction_model)
    trainable_model.compile(optimizer='adam', loss=None)
    return trainable_model
