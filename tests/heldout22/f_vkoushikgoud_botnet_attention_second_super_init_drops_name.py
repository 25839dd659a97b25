"""An attention layer for a CNN-LSTM botnet detector calls `super().__init__(name=name)`, sets
`return_sequences`, and then calls `super().__init__(**kwargs)` a second time.

From vkoushikgoud/Enhancing-IOT-security-using-HML-for-Botnet-Detection (`attention.py`, used by
`test.py`'s stacked CNN + attention + LSTM model as `attention(return_sequences=True, name='attention')`).
The second `Layer.__init__` re-initialises the layer after the first one applied the caller's `name`:
the name is silently replaced by an auto-generated one (`attention`, `attention_1`, ...), so the
`name=` argument never takes effect. In the author's script the requested name happens to equal the
first auto-generated name, which hides it; any second model built in the same process (the script builds
several) gets `attention_1`.

Porting edits: `from keras.layers import *` -> explicit `keras` imports; `K.tanh` / `K.dot` / `K.softmax`
/ `K.sum` (gone from Keras 3's `keras.backend`) -> `keras.ops` equivalents; UNSW-NB15 features 42 -> 6,
Conv2D 64/32 -> 4/4, LSTM 32 -> 4, Dense 64 -> 8, 3 classes; dataset loading, compile, fit and the
earlier ANN/CNN/LSTM models left out; `build_model()` returns the attention model of `test.py`.
"""

SOURCE = "https://github.com/vkoushikgoud/Enhancing-IOT-security-using-HML-for-Botnet-Detection/blob/297a15f3760b4a1f493d3ffd991b361bbf7058a4/attention.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/f_vkoushikgoud_botnet_attention_second_super_init_drops_name.py:
as returned: Sequential, count_params() = 586, 13 weights, unbuilt: none
after call: count_params() = 586, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 27}
second call: 0 variables watched that the first call did not use
(_measure.py sees no weight defect: the layer's 2 weights are tracked and trained; it is run in a fresh process, where the
discarded name and the auto name coincide.) Own probe /tmp/mine22a/p11.py: attention(return_sequences=False,
name='my_attention').name -> 'attention'; build_model() twice in one process -> the attention layers are named
'attention_1' and 'attention_2', never the requested 'attention'; m2.get_layer('attention') raises ValueError
"No such layer: attention"."""

import keras
from keras import ops
from keras.layers import Layer, Convolution2D, MaxPooling2D, Flatten, RepeatVector, LSTM, Dense
from keras.models import Sequential


#defining attention layer
class attention(Layer):
    def __init__(self, return_sequences=True, name=None, **kwargs):
        super(attention,self).__init__(name=name)
        self.return_sequences = return_sequences
        super(attention, self).__init__(**kwargs)

    def build(self, input_shape):

        self.W=self.add_weight(name="att_weight", shape=(input_shape[-1],1),
                               initializer="normal")
        self.b=self.add_weight(name="att_bias", shape=(input_shape[1],1),
                               initializer="zeros")

        super(attention,self).build(input_shape)

    def call(self, x):

        e = ops.tanh(ops.matmul(x,self.W)+self.b)
        a = ops.softmax(e, axis=1)
        output = x*a

        if self.return_sequences:
            return output

        return ops.sum(output, axis=1)


def build_model(n_features=6, n_classes=3):
    stacked_model = Sequential()
    #defining cnn layer
    stacked_model.add(keras.Input(shape=(n_features, 1, 1)))
    stacked_model.add(Convolution2D(4, (1 , 1), activation = 'relu'))
    stacked_model.add(MaxPooling2D(pool_size = (1, 1)))
    stacked_model.add(Convolution2D(4, (1, 1), activation = 'relu'))
    stacked_model.add(MaxPooling2D(pool_size = (1, 1)))
    stacked_model.add(Flatten())
    stacked_model.add(RepeatVector(3))
    stacked_model.add(attention(return_sequences=True,name='attention')) # ========define Attention layer
    #adding LSTM layer
    stacked_model.add(LSTM(4))#==================adding LSTM
    #adding ann dense layer
    stacked_model.add(Dense(units = 8, activation = 'relu'))
    stacked_model.add(Dense(units = n_classes, activation='softmax'))
    return stacked_model
