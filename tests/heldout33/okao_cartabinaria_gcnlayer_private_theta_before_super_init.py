"""A lecture notebook's GCN layer sets `self.output_dim` before `super().__init__()` and keeps its only
weight under a private name `self._Theta` made with `add_weight` in `build()`: looks like a late super
init (LD013) and like a weight hidden from tracking, but `add_weight` registers the variable whatever the
attribute is called, and a plain int set before `super().__init__()` is not reset.

From cartabinaria/deep-learning (`exercises/lectures/12-gcn-example.ipynb`, "GCN: an introduction, in
Keras"), a university course's demo on Zachary's karate club. `GCNlayer(output_dim)` computes
`K.batch_dot(A, K.dot(X, self._Theta), axes=[2, 1])` with the normalised adjacency fed as a second
`Input`; three of them are stacked in a functional model (10, 10, 1 units) with a sigmoid on top.

Porting edits: none to the layer (Keras 3 still offers `K.dot`/`K.batch_dot` under
`tensorflow.keras.backend`). The notebook's `add_loss` on symbolic outputs, compile and fit are left out;
`build_model()` builds the notebook's three-layer model for the 34-node graph with 5 random features,
the adjacency being an input as in the notebook.
"""

SOURCE = "https://github.com/cartabinaria/deep-learning/blob/daf550b3bc10fc06fee8b9d9e91a08b97c109676/exercises/lectures/12-gcn-example.ipynb"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/okao_cartabinaria_gcnlayer_private_theta_before_super_init.py:
as returned: Functional, count_params() = 160, 3 weights, unbuilt: none
after call: count_params() = 160, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gc_nlayer': 50, 'gc_nlayer_1': 100, 'gc_nlayer_2': 10}
second call: 0 variables watched that the first call did not use
160 = 5x10 + 10x10 + 10x1: each GCNlayer's only weight is the privately named _Theta, counted and given a gradient; output_dim set before super().__init__() is kept (the output widths 10, 10, 1 match)."""

from tensorflow.keras import layers
from tensorflow.keras.models import Model
from tensorflow.keras import backend as K


class GCNlayer(layers.Layer):

    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(GCNlayer, self).__init__(**kwargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        #print(input_shape)
        self._Theta = self.add_weight(name='Theta',
                                    shape=(input_shape[1][2], self.output_dim),
                                    initializer='glorot_uniform',
                                    trainable=True)
        super(GCNlayer, self).build(input_shape)  # Be sure to call this at the end

    def call(self,x):
        A, X = x
        return K.batch_dot(A, K.dot(X, self._Theta),axes=[2,1])

    def compute_output_shape(self, input_shape):
        return (None,input_shape[0][1], self.output_dim)


def build_model():
    n = 34
    noFeat = 5
    Adj = layers.Input(shape=(n, n))
    Feat = layers.Input(shape=(n,noFeat,))
    Z = GCNlayer(10)([Adj,Feat])
    Z = GCNlayer(10)([Adj,Z])
    Z = GCNlayer(1)([Adj,Z])
    Zres = layers.Activation('sigmoid')(Z)
    gcnmodel = Model(inputs=[Adj,Feat],outputs=[Zres])
    return gcnmodel
