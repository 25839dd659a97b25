"""Knowledge-distillation `Distiller` whose `__init__` stores the student as `self.teacher` and the
teacher as `self.student`: the custom `train_step` then trains the pre-trained teacher and the
student passed in is only run outside the tape, so its weights never receive a gradient.

The first version of the keras.io "Knowledge Distillation" example (PR file
`examples/vision/knowledgedistillation.py`, 2020/09/01) wrote `self.teacher = student` and
`self.student = teacher`. `train_step` runs `self.teacher(x, training=False)` before opening the
`GradientTape` and differentiates only `self.student.trainable_variables`, so the model that was
meant to learn (the small student, tracked by the Distiller and counted in its weights) never
changes, while the big teacher is fine-tuned on its own soft labels. `fit` prints no warning: the
tape list is simply the wrong model's variables.

Porting edits: `tf.keras` -> `keras`, `LeakyReLU(alpha=)` -> `negative_slope=`; no `test_step`; the two CNNs shrunk to Flatten+Dense stacks on 8x8 inputs (same roles, no MNIST
download); the Distiller still has no `call()` (as in the PR), so it is used through `fit`.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/04d4360fe2140eb7461692d8f9882a82604d220f/examples/vision/knowledgedistillation.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/n_kerasio_distiller_student_teacher_swapped_in_init.py:
as returned: Distiller, count_params() = count_params() raised ValueError, 8 weights, unbuilt: none
no inputs known: not called   (the Distiller has no call(); it is only used through fit)
Own script (/tmp/mine16b/distill_fit.py): fit 2 epochs on 16 random 8x8 images, batch 8, then compare every
Distiller weight with its value before fit:
student/dense_2/kernel UNCHANGED, student/dense_2/bias UNCHANGED, student/dense_3/kernel UNCHANGED,
student/dense_3/bias UNCHANGED (the student passed in, 610 params, stored as self.teacher and run outside the tape);
teacher/dense/kernel, teacher/dense/bias, teacher/dense_1/kernel, teacher/dense_1/bias changed (the 4810-param
teacher, stored as self.student, is what gets trained). No warning about missing gradients (only Keras 3's
`compiled_metrics()` deprecation warning)."""

import tensorflow as tf

import keras
from keras import layers


class Distiller(keras.Model):
    def __init__(self, student, teacher):
        super(Distiller, self).__init__()
        self.teacher = student
        self.student = teacher

    def compile(
        self,
        optimizer,
        metrics,
        student_loss_fn,
        distillation_loss_fn,
        alpha=0.1,
        temperature=3,
    ):
        super(Distiller, self).compile(optimizer=optimizer, metrics=metrics)
        self.student_loss_fn = student_loss_fn
        self.distillation_loss_fn = distillation_loss_fn
        self.alpha = alpha
        self.temperature = temperature

    def train_step(self, data):
        # Unpack data
        x, y = data

        # Forward pass of teacher
        teacher_predictions = self.teacher(x, training=False)

        with tf.GradientTape() as tape:
            # Forward pass of student
            student_predictions = self.student(x, training=True)

            # Compute losses
            student_loss = self.student_loss_fn(y, student_predictions)
            distillation_loss = self.distillation_loss_fn(
                tf.nn.softmax(teacher_predictions / self.temperature, axis=1),
                tf.nn.softmax(student_predictions / self.temperature, axis=1),
            )
            loss = self.alpha * student_loss + (1 - self.alpha) * distillation_loss

        # Compute gradients
        trainable_vars = self.student.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)

        # Update weights
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))

        # Update the metrics configured in `compile()`.
        self.compiled_metrics.update_state(y, student_predictions)

        # Return a dict of performance
        results = {m.name: m.result() for m in self.metrics}
        results.update(
            {"student_loss": student_loss, "distillation_loss": distillation_loss}
        )
        return results


def make_teacher():
    return keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Flatten(),
            layers.Dense(64),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Dense(10),
        ],
        name="teacher",
    )


def make_student():
    return keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Flatten(),
            layers.Dense(8),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Dense(10),
        ],
        name="student",
    )


def build_model():
    teacher = make_teacher()
    student = make_student()
    distiller = Distiller(student=student, teacher=teacher)
    distiller.compile(
        optimizer=keras.optimizers.Adam(),
        metrics=[keras.metrics.SparseCategoricalAccuracy()],
        student_loss_fn=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        distillation_loss_fn=keras.losses.KLDivergence(),
        alpha=0.1,
        temperature=10,
    )
    return distiller
