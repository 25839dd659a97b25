"""The keras.io captcha OCR model (CNN + BiLSTM + CTC): the CTC loss is computed by a weightless
"endpoint" `CTCLayer` that keeps the loss function on `self.loss_fn`, calls `self.add_loss()` inside
`call()` and returns the predictions; the labels are a second model input and `compile()` gets no loss.

From keras-team/keras-io (`examples/vision/captcha_ocr.py`, the Keras 3 version). Looks like "state
created in call" and "a layer holding state": a loss added from `call()`, a function object stored on
the layer, a layer that only passes `y_pred` through. On Keras 3 the `add_loss` value reaches
`model.losses` and drives training: every convolution, LSTM and Dense weight gets a gradient from the
CTC loss and changes in a `fit` step; the CTC layer owns no weights and loses none.

Porting edits: the data pipeline and `char_to_num` lookup left out (the output Dense has 20 units, a
19-character vocabulary + blank); `img_width, img_height` 200x50 -> 32x16; LSTM units 128/64 -> 16/8;
the example's `ctc_batch_cost` keeps its signature but calls `keras.ops.ctc_loss` (its
`ctc_label_dense_to_sparse` helper cannot be traced on Keras 3.15.1: `tf.reverse` of the tuple that
`ops.shape` returns raises OperatorNotAllowedInGraphError while the model is wired).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/00bb6a3411d19fa2c28d6413d90fff4fb7424203/examples/vision/captcha_ocr.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/okc_kerasio_captcha_ocr_ctc_endpoint_layer_add_loss.py:
as returned: Functional, count_params() = 48596, 20 weights, unbuilt: none
after call: count_params() = 48596, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []   (the loss includes model.losses, i.e. the CTC loss)
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ctc_loss': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine20a/ctcprobe.py, fit(x={'image', 'label'}) with no y, the compile() of the
example with no loss): loss 76.1 (the add_loss value), 20/20 trainable weights change; the CTC layer
has 0 weights."""

import keras
from keras import layers, ops

img_width = 32
img_height = 16
num_classes = 20


def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    label_length = ops.cast(ops.squeeze(label_length, axis=-1), dtype="int32")
    input_length = ops.cast(ops.squeeze(input_length, axis=-1), dtype="int32")
    return ops.expand_dims(
        ops.ctc_loss(
            ops.cast(y_true, "int32"), y_pred, label_length, input_length, mask_index=0
        ),
        1,
    )


class CTCLayer(layers.Layer):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.loss_fn = ctc_batch_cost

    def call(self, y_true, y_pred):
        # Compute the training-time loss value and add it
        # to the layer using `self.add_loss()`.
        batch_len = ops.cast(ops.shape(y_true)[0], dtype="int64")
        input_length = ops.cast(ops.shape(y_pred)[1], dtype="int64")
        label_length = ops.cast(ops.shape(y_true)[1], dtype="int64")

        input_length = input_length * ops.ones(shape=(batch_len, 1), dtype="int64")
        label_length = label_length * ops.ones(shape=(batch_len, 1), dtype="int64")

        loss = self.loss_fn(y_true, y_pred, input_length, label_length)
        self.add_loss(loss)

        # At test time, just return the computed predictions
        return y_pred


def build_model():
    # Inputs to the model
    input_img = layers.Input(
        shape=(img_width, img_height, 1), name="image", dtype="float32"
    )
    labels = layers.Input(name="label", shape=(None,), dtype="float32")

    # First conv block
    x = layers.Conv2D(
        32,
        (3, 3),
        activation="relu",
        kernel_initializer="he_normal",
        padding="same",
        name="Conv1",
    )(input_img)
    x = layers.MaxPooling2D((2, 2), name="pool1")(x)

    # Second conv block
    x = layers.Conv2D(
        64,
        (3, 3),
        activation="relu",
        kernel_initializer="he_normal",
        padding="same",
        name="Conv2",
    )(x)
    x = layers.MaxPooling2D((2, 2), name="pool2")(x)

    new_shape = ((img_width // 4), (img_height // 4) * 64)
    x = layers.Reshape(target_shape=new_shape, name="reshape")(x)
    x = layers.Dense(64, activation="relu", name="dense1")(x)
    x = layers.Dropout(0.2)(x)

    # RNNs
    x = layers.Bidirectional(layers.LSTM(16, return_sequences=True, dropout=0.25))(x)
    x = layers.Bidirectional(layers.LSTM(8, return_sequences=True, dropout=0.25))(x)

    # Output layer
    x = layers.Dense(
        num_classes, activation="softmax", name="dense2"
    )(x)

    # Add CTC layer for calculating CTC loss at each step
    output = CTCLayer(name="ctc_loss")(labels, x)

    # Define the model
    model = keras.models.Model(
        inputs=[input_img, labels], outputs=output, name="ocr_model_v1"
    )
    # Optimizer
    opt = keras.optimizers.Adam()
    # Compile the model and return
    model.compile(optimizer=opt)
    return model
