"""A Fisher-weighted model-merging script keeps the Fisher information and the last batch in module-level globals
that a `Sequential` subclass's `train_step` and a callback write to: it looks like state in globals (LD011), but no
layer or weight lives there, and every weight of the merged model is tracked, trained and set.

From RajatKrSingh/TransferLearning (`ewc_cnn.py` at 0ed8927), "symmetric EWC" merging of two CNNs trained on two
halves of MNIST. `SequentialCustom(Sequential)` overrides `train_step` and, after the optimizer step, writes the batch
to `global x_batch, y_batch`; a `CustomCallBack.on_train_batch_end` calls `get_fisherinformation(self.model, x_batch,
y_batch)`, which takes second derivatives with nested GradientTapes and accumulates them into the module-level
`fisher_information` (first assignment replaces the global `{}` with the list of tensors). `perform_symmetric_ewc()`
then merges the two models layer by layer, `W = (W_a F_a + W_b F_b) / (F_a + F_b)`, into a fresh `create_cnn_model()`
with `layer.set_weights(...)`. The globals hold tensors and NumPy data, not layers or variables, and no layer's
`call()` reads them; the model is an ordinary Sequential whose Conv2D/Dense weights are all tracked. (The per-sample
diagonal of the Hessian is approximated as the gradient of the summed gradients, and the Fisher loop is hard-coded
to six tensors; both are numerics, not tracking.)

Porting edits: `SGD(lr=0.01, ...)` -> `SGD(learning_rate=0.01, ...)`; the Keras 3 `train_step` needs
`self.compute_loss(...)`/`self.optimizer.apply(...)` instead of `compiled_loss`/`optimizer.minimize(tape=...)`, and
metrics are updated with `compute_metrics`; the files the script writes (`.h5`, `Model1FI/*.npy`) are replaced in
the probe by keeping the arrays in memory. build_model() returns `create_cnn_model()` (compiled, as the script does).
"""

SOURCE = "https://github.com/RajatKrSingh/TransferLearning/blob/0ed89279d1b9871f4f9449775aba40ccad23ff98/ewc_cnn.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: SequentialCustom, count_params() = 542230, 6 weights, unbuilt: none
after call: count_params() = 542230, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine36/bb/p_fisher_merge.py (two models fit 1 epoch on 64 random samples with the callback, then merged):
model 1: count_params=542230, trainable weights=6, changed by fit=6; global fisher: 6 tensors, shapes match weights: True
model 2: count_params=542230, trainable weights=6, changed by fit=6; global fisher: 6 tensors, shapes match weights: True
merged model: count_params 542230 weights set: 6 differs from both parents: True"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D
from tensorflow.keras.layers import MaxPooling2D
from tensorflow.keras.layers import Dense
from tensorflow.keras.layers import Flatten
from tensorflow.keras.optimizers import SGD


fisher_information = {}
is_first = False


# Override tf.keras.Model class to store x_train and y_train during each batch processing
# Used later in Callback method
class SequentialCustom(Sequential):
    def train_step(self, data):
        x, y = data

        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        metrics = self.compute_metrics(x, y, y_pred)

        # Send value for Hessian/ Fisher Information Calculation
        global x_batch, y_batch
        x_batch = x
        y_batch = y

        return metrics


# Update Fisher information during Callback
def get_fisherinformation(model, x_batch, y_batch):
    with tf.GradientTape() as tape_1:
        with tf.GradientTape() as tape_2:
            preds = model(x_batch)
            current_loss = tf.keras.losses.categorical_crossentropy(y_batch, preds, from_logits=True)
            dE_dW = tape_2.gradient(current_loss, model.trainable_weights)
        d2E_dW2 = tape_1.gradient(dE_dW, model.trainable_weights)

    global fisher_information
    global is_first
    if is_first == False:
        fisher_information = d2E_dW2
        is_first = True

    for layer_nodes in range(6):   #Hardcoded for time being
        fisher_information[layer_nodes] = tf.add(tf.abs(fisher_information[layer_nodes]), tf.abs(d2E_dW2[layer_nodes]))


# Create Custom CallBack for triggering Fisher Information Calculation
class CustomCallBack(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        keys = list(logs.keys())
        get_fisherinformation(self.model, x_batch, y_batch)


def create_cnn_model():
    model = SequentialCustom()
    model.add(Conv2D(32, (3, 3), activation='relu', kernel_initializer='he_uniform', input_shape=(28, 28, 1)))
    model.add(MaxPooling2D((2, 2)))
    model.add(Flatten())
    model.add(Dense(100, activation='relu', kernel_initializer='he_uniform'))
    model.add(Dense(10, activation='softmax'))
    # compile model
    opt = SGD(learning_rate=0.01, momentum=0.9)
    model.compile(optimizer=opt, loss='categorical_crossentropy', metrics=['accuracy'], run_eagerly=True)
    return model


def merge(models_and_fishers):
    """perform_symmetric_ewc() without the files: W = sum(W_i F_i) / sum(F_i), layer by layer."""
    (m1, f1), (m2, f2) = models_and_fishers
    w1, w2 = m1.get_weights(), m2.get_weights()
    merged = [np.nan_to_num(np.divide(a * fa + b * fb, fa + fb)) for a, b, fa, fb in zip(w1, w2, f1, f2)]
    ann_output_model = create_cnn_model()
    layer_counter = 0
    for layer_number in range(len(ann_output_model.layers)):
        if layer_number == 1 or layer_number == 2:  # Skip weight assignment for Pooling and Flatten Layers
            continue
        ann_output_model.layers[layer_number].set_weights([merged[2 * layer_counter], merged[2 * layer_counter + 1]])
        layer_counter = layer_counter + 1
    return ann_output_model


def build_model():
    """Returns create_cnn_model(): the compiled SequentialCustom."""
    return create_cnn_model()
