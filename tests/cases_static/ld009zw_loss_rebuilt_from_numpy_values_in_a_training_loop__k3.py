# LD009 no-gradient: a training loop whose loss reaches the model only through NumPy or Python values (TensorFlow
# issues #31919 and #30190, held-out 40)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s40/probe_ld009zw.py): numpy_moments_step() and float_losses_step() return
# a None gradient for every weight; logged_step(), mixed_step() and predicted_labels_step() give every weight a
# gradient (the NumPy values there only log, or add to a loss that still runs through the model's tensors).
import numpy as np
import tensorflow as tf
import keras


def moments(values):
    mean = np.mean(values)
    return np.array([mean, np.std(values)])


def numpy_moments_step(generator, critic, noise):
    with tf.GradientTape() as tape:
        fake = generator(noise)
        score = critic(moments(fake.numpy()).reshape((1, 2)))  # LD009
        loss = -tf.reduce_mean(score)
    return tape.gradient(loss, generator.trainable_variables)


def per_sample_loss(model, x, y):
    predictions = model(x)
    losses = []
    for i in range(len(y)):
        losses.append(float(keras.losses.mean_squared_error(y[i], predictions[i])))  # LD009
    return tf.convert_to_tensor(np.median(losses), dtype=tf.float32)


def float_losses_step(model, x, y):
    with tf.GradientTape() as tape:
        loss = per_sample_loss(model, x, y)
    return tape.gradient(loss, model.trainable_variables)


def logged_step(model, x, y, history):
    """Correct: .numpy() only logs; the loss is the tensor."""
    with tf.GradientTape() as tape:
        predictions = model(x)
        loss = tf.reduce_mean(keras.losses.mean_squared_error(y, predictions))
        history.append(float(np.mean(predictions.numpy())))
    return tape.gradient(loss, model.trainable_variables)


def mixed_step(model, x, y):
    """Correct: a Python weight on a tensor loss still runs through the model."""
    with tf.GradientTape() as tape:
        predictions = model(x)
        scale = float(np.abs(predictions.numpy()).max()) + 1.0
        loss = tf.reduce_mean(tf.square(predictions - y)) / scale
    return tape.gradient(loss, model.trainable_variables)


def predicted_labels_step(model, x):
    """Correct: labels drawn with predict() (NumPy) are targets; the loss runs through model(x)."""
    labels = np.argmax(model.predict(x, verbose=0), axis=-1)
    with tf.GradientTape() as tape:
        loss = keras.losses.sparse_categorical_crossentropy(labels, model(x), from_logits=True)
    variables = model.trainable_variables
    return tape.gradient(loss, variables)
