"""The diagonal linear network of Woodworth et al. 2020 ("Kernel and rich regimes in overparametrized models"), as a
`tf.keras.Model` holding one `Linear` layer. The layer creates its parameter vector as a raw `tf.Variable` in
`__init__` and on the next line overwrites the attribute with a tensor derived from it:
`self.w = tf.Variable(initial_value=w0, trainable=True)` then `self.w = tf.reshape(self.w, (1, -1))` (LD010). The
variable survives only inside the reshape's result, a constant computed once; `call()` squares that constant. On
Keras 3 the raw `tf.Variable` would not be tracked anyway (LD003), so the model has no weights at all: 0 parameters,
nothing for `model.fit` to train, and no variable is even read during a call. The author's next commit (6b63700, "Fix
bugs, add code to train NN", the same day) dropped the reshape when training would not work; the `tf.Variable` it
kept is tracked by tf.keras 2 (TF 2.8, the project's version) but not by Keras 3.

From smithhenryd/NN-Kernel-and-Rich-Regimes (a Yale S&DS senior project on implicit regularization),
`Code/Linear_NN/model.py` (`Linear_Regression`, `Linear`) at cb71225 ("Add test for model").

Porting edits: none to the classes. build_model() runs the file's own `__main__` setup (d = 3, `w0 = tf.ones([1,
2*d])`, `Linear_Regression(w0)`) and returns the model with its N = 5 test points as a d x N tensor (the model takes
points as columns); the f(w0) = 0 assert is left out.
"""

SOURCE = "https://github.com/smithhenryd/NN-Kernel-and-Rich-Regimes/blob/cb712256fa460c4ea027e799023aea1acf8943c9/Code/Linear_NN/model.py"
CODES = ("LD010", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Linear_Regression, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Linear:linear']
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_diag.py <this file>: linear_layer_1.w is an EagerTensor (the reshape of the raw tf.Variable), model.weights is empty, a tape around a call sees 0 variables read, and the output at w0 is the constant 0 the file's own assert expects; nothing can train."""

import tensorflow as tf 

class Linear_Regression(tf.keras.Model):
    """
    The diagonal neural network considered in Woodworth et al. 2020
    Note that this is just simple linear regression problem with an alternate
    parameterization of the weights
    """

    def __init__(self, w0, alpha=1, **kwargs):
        """
        Initializes the linear regression model

        w0: a 1 x 2d dimensional tensor, representing the "shape" of the initialization
        alpha: a nonnegative float, representing the multiplicative factor by which w0 is scaled
        """

        super(Linear_Regression, self).__init__(**kwargs)

        # The network contains a single linear layer
        self.linear_layer_1 = Linear(alpha*w0, **kwargs)

    def call(self, inputs):
        """
        Evaluates the linear regression model at the specified inputs

        inputs: a d x N dimensional tensor whose columns contain the vectors at which the model is to be evaluated
        
        return: a 1 x N dimensional tensor containing the corresponding outputs of the model
        """
        return self.linear_layer_1(inputs)



class Linear(tf.keras.layers.Layer):
    """
    The single layer of the diagonal neural network
    """

    def __init__(self, w0, **kwargs):
        """
        Initializes the linear layer 
        """

        super(Linear, self).__init__(**kwargs)
        
        # Initialize the weight vector
        self.w = tf.Variable(initial_value=w0, trainable=True)
        self.w = tf.reshape(self.w, (1,-1))
            
    def call(self, inputs):
        """
        Evaluates the linear layer at the specified inputs
        """

        weights_sq = tf.math.square(self.w)
        try:
            d = int(tf.shape(self.w)[1]/2)
            W = tf.reshape(weights_sq[0,0:d] - weights_sq[0,d:], (1, -1))
            return tf.matmul(W, inputs)

        except:
            raise ValueError(f"Size of network weights must be twice the size of inputs: network weights {tf.shape(self.w)[1]}, inputs {tf.shape(inputs)[0]}")


def build_model():
    # Create the linear regression model
    d = 3
    w0 = tf.ones([1, 2*d])
    model = Linear_Regression(w0)

    # And evaluate it at N test points
    N = 5
    inputs = tf.random.stateless_normal([d, N], seed=(0, 0))
    return model, inputs
