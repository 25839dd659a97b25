"""A point-cloud diffusion `keras.Model` (GSGM) keeps noise-schedule tensors (`self.betas`, `self.alphas_cumprod`,
`self.projection`, ...) on `self`, builds two functional networks plus two `clone_model` EMA copies in `__init__`, and
overrides `metrics` to return a hand-made `loss_tracker`: it looks like raw-tensor state and hand-kept EMA weights,
but on Keras 3 every network, EMA copy and tracker is tracked, and the tensors are constants nobody trains.

From ViniciusMikuni/GSGM (`scripts/GSGM.py` at 0ca92ec, the jet/particle diffusion model of "Fast Point Cloud
Generation with Diffusion Models in High Energy Physics"). `__init__` computes a cosine schedule with `tf.range`/
`tf.math.cos`/`tf.math.cumprod` into six attributes and a Fourier `projection`; `Embedding()` (called in `__init__`,
not in `call`) wires Dense layers functionally; `model_part`/`model_jet` are functional models and
`ema_part`/`ema_jet = keras.models.clone_model(...)`; the custom `train_step` applies gradients to each network's
`trainable_variables` and then moves every EMA weight with `ema_weight.assign(self.ema * ema_weight + (1 - self.ema) *
weight)`; `loss_tracker = keras.metrics.Mean` is listed by the `metrics` property. On Keras 3 `gsgm.weights` contains
the weights of both networks and both EMA copies (60 = 12 + 18 + 12 + 18), and `gsgm.metrics` the tracker, so the
model's weight list (`get_weights`/`set_weights`, checkpoints) carries the EMA state (measured; Keras 3's
`save_weights` itself refuses a model that was never called, see below). The schedule tensors are deliberately constant (LD001 is about weight-like state). Doubts kept:
`clone_model` gives the EMA copies freshly initialised weights, not a copy of the network's (the EMA starts from a
different random init; a training-quality issue, no catalog defect); the author's `call` returns `self.model(x)`, an
attribute this version never sets, so the model is only usable through `fit`/the samplers (not called here, hence never "built").

Porting edits: `Input((1))`-style int shapes -> tuples; `tf.concat`/`tf.math.sin`/`cos` on KerasTensors (refused by
Keras 3) -> `keras.ops`; the repository's `DeepSetsAtt` transformer and `Resnet` MLP (in `deepsets.py`) replaced by
small stand-ins with the same signatures, written for this case; `utils`/horovod imports and the samplers dropped;
a config dict with small sizes passed in. build_model() returns the GSGM model (no call: its inputs are a tuple
handled by `train_step`); the own probe `p_gsgm.py` runs one `train_step` and a save/load.
"""

SOURCE = "https://github.com/ViniciusMikuni/GSGM/blob/0ca92ec4c1927bedeb77d21c0fecd5a6aa460e06/scripts/GSGM.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/okas_gsgm_diffusion_model_ema_clones_schedule_tensors_and_loss_tracker.py:
as returned: GSGM, count_params() = count_params() raised ValueError, 60 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine34/as/p_gsgm.py:
gsgm.weights: 60 | model_part 12 model_jet 18 ema_part 12 ema_jet 18 | EMA weights in gsgm.weights: 30 | metrics: ['loss']
EMA copy starts equal to network (clone_model): False
after one train_step: loss 1.0054645538330078 | ema_jet first kernel moved: True
save_weights raised ValueError (model never called, so not built): You are saving a model that has not yet been built. Try buil
fresh GSGM after set_weights(get_weights()): ema_jet weights equal: True"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, Input


# --- stand-ins for deepsets.DeepSetsAtt / deepsets.Resnet (written for this case) ---
def DeepSetsAtt(num_feat, time_embedding, num_heads, num_transformer, projection_dim, mask):
    inputs = Input((None, num_feat))
    x = layers.Dense(projection_dim)(inputs)
    t = layers.Dense(projection_dim)(time_embedding)
    x = x + keras.ops.expand_dims(t, 1)
    outputs = layers.Dense(num_feat)(x) * mask
    return inputs, outputs


def Resnet(inputs, end_dim, time_embedding, num_embed, num_layer, mlp_dim):
    x = layers.Dense(mlp_dim)(keras.ops.concatenate([inputs, time_embedding], -1))
    for _ in range(num_layer - 1):
        x = x + layers.Dense(mlp_dim, activation="relu")(x)
    return layers.Dense(end_dim)(x)


class GSGM(keras.Model):
    """Score based generative model"""
    def __init__(self,name='SGM',npart=30,config=None,factor=1):
        super(GSGM, self).__init__()

        self.config = config
        if config is None:
            raise ValueError("Config file not given")

        self.activation = layers.LeakyReLU(negative_slope=0.01)
        self.factor=factor
        self.num_feat = self.config['NUM_FEAT']
        self.num_jet = self.config['NUM_JET']
        self.num_cond = self.config['NUM_COND']
        self.num_embed = self.config['EMBED']
        self.max_part = npart
        self.num_steps = self.config['MAX_STEPS']//self.factor
        self.ema=0.999

        self.timesteps =tf.range(start=0,limit=self.num_steps + 1, dtype=tf.float32) / self.num_steps + 8e-3
        alphas = self.timesteps / (1 + 8e-3) * np.pi / 2.0
        alphas = tf.math.cos(alphas)**2
        alphas = alphas / alphas[0]
        betas = 1 - alphas[1:] / alphas[:-1]
        self.betas = tf.clip_by_value(betas, clip_value_min =0, clip_value_max=0.999)
        alphas = 1 - self.betas
        self.alphas_cumprod = tf.math.cumprod(alphas, 0)
        alphas_cumprod_prev = tf.concat((tf.ones(1, dtype=tf.float32), self.alphas_cumprod[:-1]), 0)
        self.posterior_variance = self.betas * (1 - alphas_cumprod_prev) / (1. - self.alphas_cumprod)
        self.posterior_mean_coef1 = (self.betas * tf.sqrt(alphas_cumprod_prev) / (1. - self.alphas_cumprod))
        self.posterior_mean_coef2 = (1 - alphas_cumprod_prev) * tf.sqrt(alphas) / (1. - self.alphas_cumprod)

        self.projection = self.GaussianFourierProjection(scale = 16)
        self.loss_tracker = keras.metrics.Mean(name="loss")

        #Transformation applied to conditional inputs
        inputs_time = Input((1,))
        inputs_cond = Input((self.num_cond,))
        inputs_jet = Input((self.num_jet,))
        inputs_mask = Input((None,1)) #mask to identify zero-padded objects

        graph_conditional = self.Embedding(inputs_time,self.projection)
        jet_conditional = self.Embedding(inputs_time,self.projection)

        graph_conditional = layers.Dense(self.num_embed,activation=None)(keras.ops.concatenate(
            [graph_conditional,inputs_jet,inputs_cond],-1))
        graph_conditional=self.activation(graph_conditional)

        jet_conditional = layers.Dense(self.num_embed,activation=None)(keras.ops.concatenate(
            [jet_conditional,inputs_cond],-1))
        jet_conditional=self.activation(jet_conditional)

        self.shape = (-1,1,1)
        inputs,outputs = DeepSetsAtt(
            num_feat=self.num_feat,
            time_embedding=graph_conditional,
            num_heads=1,
            num_transformer = 8,
            projection_dim = 64,
            mask = inputs_mask,
        )

        self.model_part = keras.Model(inputs=[inputs,inputs_time,inputs_jet,inputs_cond,inputs_mask],
                                      outputs=outputs)

        outputs = Resnet(
            inputs_jet,
            self.num_jet,
            jet_conditional,
            num_embed=self.num_embed,
            num_layer = 5,
            mlp_dim= 512,
        )

        self.model_jet = keras.Model(inputs=[inputs_jet,inputs_time,inputs_cond],
                                     outputs=outputs)

        self.ema_jet = keras.models.clone_model(self.model_jet)
        self.ema_part = keras.models.clone_model(self.model_part)

    @property
    def metrics(self):
        """List of the model's metrics."""
        return [self.loss_tracker]

    def GaussianFourierProjection(self,scale = 30):
        half_dim = self.num_embed // 4
        emb = tf.math.log(10000.0) / (half_dim - 1)
        emb = tf.cast(emb,tf.float32)
        freq = tf.exp(-emb* tf.range(start=0, limit=half_dim, dtype=tf.float32))
        return freq

    def Embedding(self,inputs,projection):
        angle = inputs*projection
        embedding = keras.ops.concatenate([keras.ops.sin(angle),keras.ops.cos(angle)],-1)
        embedding = layers.Dense(2*self.num_embed,activation=None)(embedding)
        embedding = self.activation(embedding)
        embedding = layers.Dense(self.num_embed)(embedding)
        return embedding

    @tf.function
    def train_step(self, inputs):
        part,jet,cond,mask = inputs

        random_t = tf.random.uniform(
            (tf.shape(cond)[0],1),
            minval=0,maxval=self.num_steps,
            dtype=tf.int32)

        alpha = tf.gather(tf.sqrt(self.alphas_cumprod),random_t)
        sigma = tf.gather(tf.sqrt(1-self.alphas_cumprod),random_t)
        sigma = tf.clip_by_value(sigma, clip_value_min = 1e-3, clip_value_max=0.999)

        alpha_reshape = tf.reshape(alpha,self.shape)
        sigma_reshape = tf.reshape(sigma,self.shape)

        with tf.GradientTape() as tape:
            #part
            z = tf.random.normal((tf.shape(part)),dtype=tf.float32)
            perturbed_x = alpha_reshape*part + z * sigma_reshape
            score = self.model_part([perturbed_x, random_t,jet,cond,mask])

            v = alpha_reshape * z - sigma_reshape * part
            losses = tf.square(score - v)*mask

            loss_part = tf.reduce_mean(tf.reshape(losses,(tf.shape(losses)[0], -1)))

        trainable_variables = self.model_part.trainable_variables
        g = tape.gradient(loss_part, trainable_variables)
        g = [tf.clip_by_norm(grad, 1)
             for grad in g]

        self.optimizer.apply_gradients(zip(g, trainable_variables))

        for weight, ema_weight in zip(self.model_part.weights, self.ema_part.weights):
            ema_weight.assign(self.ema * ema_weight + (1 - self.ema) * weight)

        with tf.GradientTape() as tape:
            #jet
            z = tf.random.normal((tf.shape(jet)),dtype=tf.float32)
            perturbed_x = alpha*jet + z * sigma
            score = self.model_jet([perturbed_x, random_t,cond])
            v = alpha * z - sigma * jet
            losses = tf.square(score - v)
            loss_jet = tf.reduce_mean(tf.reshape(losses,(tf.shape(losses)[0], -1)))

        trainable_variables = self.model_jet.trainable_variables
        g = tape.gradient(loss_jet, trainable_variables)
        g = [tf.clip_by_norm(grad, 1)
             for grad in g]

        self.optimizer.apply_gradients(zip(g, trainable_variables))
        self.loss_tracker.update_state(loss_jet + loss_part)

        for weight, ema_weight in zip(self.model_jet.weights, self.ema_jet.weights):
            ema_weight.assign(self.ema * ema_weight + (1 - self.ema) * weight)

        return {
            "loss": self.loss_tracker.result(),
            "loss_part":tf.reduce_mean(loss_part),
            "loss_jet":tf.reduce_mean(loss_jet),
        }

    @tf.function
    def call(self,x):
        return self.model(x)


CONFIG = {"NUM_FEAT": 3, "NUM_JET": 4, "NUM_COND": 1, "EMBED": 16, "MAX_STEPS": 100}


def build_model():
    return GSGM(config=CONFIG, npart=5)
