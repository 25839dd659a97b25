"""The Stable Diffusion fine-tuning `Trainer` (a `tf.keras.Model`) keeps its EMA decay and the optimisation-step
counter that drives the EMA warm-up as raw `tf.Variable`s: on Keras 3 neither is tracked, so the trainer's
weights omit them and a checkpoint of the trainer cannot restore the warm-up schedule.

From sayakpaul/stable-diffusion-keras-ft (`trainer.py` at d511c40, after the "mixed-precision training with EMA
scheduling" change), the KerasCV Stable Diffusion fine-tuning recipe. `__init__` stores the diffusion model, the
VAE and a `copy.deepcopy` of the diffusion model as the EMA copy (all tracked), then
`self.ema = tf.Variable(ema)` and `self.optimization_step = tf.Variable(0)`; `ema_step()` increments the step,
recomputes the decay `1 - min(ema, (1+step)/(10+step))` into `self.ema`, and moves every EMA weight toward the
trained weight. The two scalars are backend-native variables on a Keras 3 model (LD003): they are updated, but
not part of `trainer.variables`/`weights`, so Keras saving (`.keras` files, `save_weights`, the weight lists
that callbacks and `get_weights` use) does not carry the EMA warm-up state. tf.keras 2 tracked them as
non-trainable weights. Doubt kept as decided: on the TensorFlow backend a raw `tf.train.Checkpoint(model=trainer)`
still finds them through TF's own attribute tracking (the probe restores step 2 into a fresh trainer), and the
author's `save_weights` override writes only the EMA diffusion model anyway; the label follows the catalog
(Keras 3 does not track the variables), the practical loss is confined to Keras-level state.

Porting edits: the KerasCV `DiffusionModel`, `ImageEncoder` and `NoiseScheduler` are replaced by small stand-ins
written for this case (a functional model on `[noisy_latents, timestep_embedding, encoded_text]`, a conv encoder
returning mean/logvar channels, and a scheduler with `train_timesteps` and `add_noise`), because KerasCV's
Stable Diffusion does not build under Keras 3 without downloads; `pretrained_ckpt=None`, `mp=False`.
`self.compiled_loss(target, pred)` (removed in Keras 3) -> `self.compute_loss(y=target, y_pred=pred)`. The
author's `save_weights(filepath, overwrite, save_format, options)` override (forwarding `save_format`/`options`,
which Keras 3's `save_weights` no longer accepts) is left out. The Trainer class is otherwise as written. `build_model()` returns the trainer (it has no `call()`: it is used only
through `fit`), so the measure script cannot call it; the own probe runs two `train_step`s.
"""

SOURCE = "https://github.com/sayakpaul/stable-diffusion-keras-ft/blob/d511c405e6f0f7c6a3204979739cfce4d89dd51d/trainer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/ar_sdkerasft_trainer_ema_decay_and_step_tf_variables.py:
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
as returned: Trainer, count_params() = count_params() raised ValueError, 14 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine33/ar/p_sdtrainer.py:
trainer variables: 14 | self.ema in them: False | self.optimization_step in them: False
after 2 steps: optimization_step = 2 ema = 0.75
EMA copy tracked: ema_diffusion_model weights in trainer.weights = 6 of 6
tf.train.Checkpoint(model=trainer) restored into a fresh trainer (1 step): optimization_step = 2 ema = 0.75"""

import copy

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


class Trainer(tf.keras.Model):
    # Adapted from https://github.com/huggingface/diffusers/blob/main/examples/text_to_image/train_text_to_image.py

    def __init__(
        self,
        diffusion_model: tf.keras.Model,
        vae: tf.keras.Model,
        noise_scheduler,
        pretrained_ckpt: str,
        mp: bool,
        ema=0.9999,
        max_grad_norm=1.0,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.diffusion_model = diffusion_model
        if pretrained_ckpt is not None:
            self.diffusion_model.load_weights(pretrained_ckpt)
            print(
                f"Loading the provided checkpoint to initialize the diffusion model: {pretrained_ckpt}..."
            )

        self.vae = vae
        self.noise_scheduler = noise_scheduler

        if ema > 0.0:
            self.ema = tf.Variable(ema, dtype="float32")
            self.optimization_step = tf.Variable(0, dtype="int32")
            self.ema_diffusion_model = copy.deepcopy(self.diffusion_model)
            self.do_ema = True
        else:
            self.do_ema = False

        self.vae.trainable = False
        self.mp = mp
        self.max_grad_norm = max_grad_norm

    def train_step(self, inputs):
        images = inputs["images"]
        encoded_text = inputs["encoded_text"]
        bsz = tf.shape(images)[0]

        with tf.GradientTape() as tape:
            # Project image into the latent space.
            latents = self.sample_from_encoder_outputs(self.vae(images, training=False))
            latents = latents * 0.18215

            # Sample noise that we'll add to the latents
            noise = tf.random.normal(tf.shape(latents))

            # Sample a random timestep for each image
            timesteps = tnp.random.randint(
                0, self.noise_scheduler.train_timesteps, (bsz,)
            )

            # Add noise to the latents according to the noise magnitude at each timestep
            # (this is the forward diffusion process)
            noisy_latents = self.noise_scheduler.add_noise(
                tf.cast(latents, noise.dtype), noise, timesteps
            )

            target = noise  # noise_schedule.predict_epsilon == True

            # Predict the noise residual and compute loss
            timestep_embeddings = tf.map_fn(
                lambda t: self.get_timestep_embedding(t), timesteps, dtype=tf.float32
            )
            timestep_embeddings = tf.squeeze(timestep_embeddings, 1)
            model_pred = self.diffusion_model(
                [noisy_latents, timestep_embeddings, encoded_text], training=True
            )
            loss = self.compute_loss(y=target, y_pred=model_pred)
            if self.mp:
                loss = self.optimizer.get_scaled_loss(loss)

        # Update parameters of the diffusion model.
        trainable_vars = self.diffusion_model.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        if self.mp:
            gradients = self.optimizer.get_unscaled_gradients(gradients)
        if self.max_grad_norm > 0.0:
            gradients = [tf.clip_by_norm(g, self.max_grad_norm) for g in gradients]
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))

        # EMA.
        if self.do_ema:
            self.ema_step()

        return {m.name: m.result() for m in self.metrics}

    def get_timestep_embedding(self, timestep, dim=320, max_period=10000):
        half = dim // 2
        log_max_period = tf.math.log(tf.cast(max_period, tf.float32))
        freqs = tf.math.exp(-log_max_period * tf.range(0, half, dtype=tf.float32) / half)
        args = tf.convert_to_tensor([timestep], dtype=tf.float32) * freqs
        embedding = tf.concat([tf.math.cos(args), tf.math.sin(args)], 0)
        embedding = tf.reshape(embedding, [1, -1])
        return embedding  # Excluding the repeat.

    def get_decay(self, optimization_step):
        value = (1 + optimization_step) / (10 + optimization_step)
        value = tf.cast(value, dtype=self.ema.dtype)
        return 1 - tf.math.minimum(self.ema, value)

    def ema_step(self):
        self.optimization_step.assign_add(1)
        self.ema.assign(self.get_decay(self.optimization_step))

        for weight, ema_weight in zip(
            self.diffusion_model.trainable_variables,
            self.ema_diffusion_model.trainable_variables,
        ):
            tmp = self.ema * (ema_weight - weight)
            ema_weight.assign_sub(tmp)

    def sample_from_encoder_outputs(self, outputs):
        mean, logvar = tf.split(outputs, 2, axis=-1)
        logvar = tf.clip_by_value(logvar, -30.0, 20.0)
        std = tf.exp(0.5 * logvar)
        sample = tf.random.normal(tf.shape(mean), dtype=mean.dtype)
        return mean + std * sample


# --- stand-ins for the KerasCV pieces (written for this case) ---
class TinyScheduler:
    train_timesteps = 1000

    def add_noise(self, latents, noise, timesteps):
        alpha = 1.0 - tf.cast(timesteps, tf.float32)[:, None, None, None] / self.train_timesteps
        return tf.sqrt(alpha) * latents + tf.sqrt(1.0 - alpha) * noise


def tiny_diffusion_model():
    latent = tf.keras.Input((4, 4, 4))
    temb = tf.keras.Input((320,))
    text = tf.keras.Input((3, 8))
    t = tf.keras.layers.Dense(4)(temb)[:, None, None, :]
    c = tf.keras.layers.Dense(4)(tf.keras.layers.GlobalAveragePooling1D()(text))[:, None, None, :]
    x = tf.keras.layers.Conv2D(4, 3, padding="same")(latent + t + c)
    return tf.keras.Model([latent, temb, text], x)


def tiny_vae():
    img = tf.keras.Input((8, 8, 3))
    return tf.keras.Model(img, tf.keras.layers.Conv2D(8, 3, strides=2, padding="same")(img))


def build_model():
    return Trainer(tiny_diffusion_model(), tiny_vae(), TinyScheduler(), pretrained_ckpt=None, mp=False)
