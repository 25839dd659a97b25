"""CRISPR on-target model: attention helper makes its W and b inside a Lambda, wired as Lambda(lambda x: AttentionLayer(x)).

From the code release of A-CNNCrispr (attention-based CNN predicting sgRNA cleavage efficacy). The
attention block is a plain function: it creates `W = K.random_uniform_variable((T, T))` and
`b = K.random_uniform_variable((T,))`, closes over them in `Lambda(lambda x: K.dot(x, W) + b)`, and the
model applies it twice as `Lambda(lambda x: AttentionLayer(x))(batchnor)`. So every run of the outer
Lambda creates two new variables and three new Lambda layers inside its call, and the inner Lambdas close
over those variables, which no layer owns. On Keras 3 the model cannot even be wired: the Lambda's output shape is inferred by tracing the function,
the tf.Variable creation inside that trace fails, and `Lambda.call()` raises "We could not automatically
infer the shape of the Lambda's output" while the functional model is being built.
Written for Keras 2.1; the backend helpers Keras 3 dropped are replaced by the
equivalent tf calls (`K.random_uniform_variable` -> `tf.Variable(tf.random.uniform(...))`,
`K.permute_dimensions` -> `tf.transpose`), the wiring is the repository's.
"""

SOURCE = "https://github.com/Peppags/CRISPRont-CRISPRofft/blob/752f60985fff1a0459fb42d7e0050f28955fa71f/A-CNNCrispr.py"
CODES = ("LD002", "LD012")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py z_acnncrispr_attention_vars_in_lambda.py:
build_model() raised NotImplementedError: Exception encountered when calling Lambda.call().
Full message: "We could not automatically infer the shape of the Lambda's output. Please specify the
`output_shape` argument for this Lambda layer." (raised for the outer Lambda on the (None, 20, 256) conv1 output).
Own script (/tmp/mine13b/t6.py): with `output_shape=` added to the outer Lambda (the obvious user fix) the
model builds silently: count_params() 2237, 5 weights, and the tape watches 7 variables of which only the
5 tracked ones belong to the model (the attention W and b are untracked, recreated per call)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, Embedding, Lambda, BatchNormalization
from tensorflow.keras.layers import Conv1D
from tensorflow.keras.layers import Dense, Dropout, Flatten


def AttentionLayer(inputs):
    time_steps = inputs.shape[1]
    W = tf.Variable(tf.random.uniform(shape=(time_steps, time_steps), minval=0, maxval=1))
    b = tf.Variable(tf.random.uniform(shape=(time_steps, ), minval=0, maxval=1))
    x = tf.transpose(inputs, (0, 2, 1))
    x1 = Lambda(lambda x: tf.tensordot(x, W, axes=1) + b)(x)
    x2 = Lambda(lambda x: tf.tanh(x))(x1)
    a = tf.nn.softmax(x2)
    outputs = Lambda(lambda x: x[0] * x[1])([a, x])
    outputs = tf.transpose(outputs, (0, 2, 1))
    return outputs


def build_model():
    dropout_rate = 0.3
    input = Input(shape=(24,))
    embedded = Embedding(7, 44)(input)

    conv1 = Conv1D(256, 5, activation='relu', name="conv1")(embedded)
    batchnor1 = BatchNormalization()(conv1)
    atten1 = Lambda(lambda x: AttentionLayer(x))(batchnor1)
    drop1 = Dropout(dropout_rate)(atten1)

    conv2 = Conv1D(128, 5, activation='relu', name="conv2")(drop1)
    batchnor2 = BatchNormalization()(conv2)
    atten2 = Lambda(lambda x: AttentionLayer(x))(batchnor2)
    drop2 = Dropout(dropout_rate)(atten2)

    flat = Flatten()(drop2)

    dense1 = Dense(128, activation='relu', name="dense1")(flat)
    batchnor3 = BatchNormalization()(dense1)
    drop3 = Dropout(dropout_rate)(batchnor3)

    dense2 = Dense(64, activation='relu', name="dense2")(drop3)
    batchnor4 = BatchNormalization()(dense2)
    drop4 = Dropout(dropout_rate)(batchnor4)

    dense3 = Dense(32, activation='relu', name="dense3")(drop4)
    batchnor5 = BatchNormalization()(dense3)
    drop5 = Dropout(dropout_rate)(batchnor5)

    output = Dense(1, activation='linear', name="output")(drop5)

    model = Model(inputs=[input], outputs=[output])
    return model
