"""henrysky/astroNN's `FastMCInference` is a plain Python class holding the user's model, and its `FastMCInferenceV2_internal` Wrapper overrides `build()` with `self.built = True` without building the wrapped model and calls it n times in a list comprehension; yet the `transformed_model` it returns tracks exactly the original model's weights, shared and trainable (look-alike of LD011 and LD005).

From henrysky/astroNN at 3346072 (Keras 3 code): the docs page `docs/source/neuralnets/layers.rst` tells users to wrap a
trained Keras model with `fast_mc_model = FastMCInference(keras_model)`; the classes are those of `src/astroNN/nn/layers.py`
(the file of the sibling bug case bu_astronn_mcdropout_..., so the docs page is this case's source). `FastMCInference(n, model)` keeps `self.model`,
`self.meanvar_layer` and `self.fast_mc_layer` on a plain object (not a Layer), wires a new functional model
`keras.models.Model(new_input, meanvar(fast_mc(new_input)))`, and returns it as `.transformed_model`. The Wrapper's
`build()` skips the wrapped model and `call()` runs `self.layer(inputs)` n times (the tensorflow fallback loop): a
checker sees layers held by a plain object, a wrapper that never builds its layer and a model called repeatedly. The
wrapped model is already built (it is a functional model), the Wrapper tracks it as `self.layer`, and the functional
graph tracks the Wrapper: the transformed model has the original model's weights, the same variable objects, and MC
draws differ because the model's MCDropout stays on.

Porting edits: MCDropout's `self.supports_masking = True` moved after `super().__init__()` at review (as written it is
the bug of bu_astronn_mcdropout_..., which this look-alike is not about; no mask reaches it here either way);
otherwise none to the classes (docstrings dropped; `_KERAS_BACKEND` fixed to "tensorflow", so the fallback loop
runs, as astroNN does on that backend; the torch `vmap` branch left out). The model fed to it is ours, an astroNN-style
MC-dropout regressor: Input(16) -> Dense(32, relu) -> MCDropout(0.2) -> Dense(1). build_model() returns
`FastMCInference(10, model).transformed_model`.
"""

SOURCE = "https://github.com/henrysky/astroNN/blob/3346072fb376155d9867554b16d8336e70a4c29b/docs/source/neuralnets/layers.rst"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/okbu_astronn_fastmcinference_plain_class_wrapper_build_skips_inner_model_weights_shared.py:
as returned: Functional, count_params() = 577, 4 weights, unbuilt: none
after call: count_params() = 577, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []; tape watched 0 untracked variables; second call: 0 new variables
params of the case's own layers: {'fast_mc_inference_v2_internal': 577, 'mc_dropout': 0, 'fast_mc_inference_mean_var': 0}
probe (probe_astronn_fastmc.py): base model 577 params == transformed model 577; the transformed model's trainable weights
are the base model's variable objects; a loss on the MC mean gives 0 None gradients of 4; output (4, 1, 2) = mean and
variance over 10 draws, variance > 0 (MCDropout active)."""

import keras

_KERAS_BACKEND = "tensorflow"


class MCDropout(keras.layers.Layer):
    def __init__(self, rate, disable=False, noise_shape=None, name=None, **kwargs):
        self.rate = rate
        self.disable_layer = disable
        self.noise_shape = noise_shape
        super().__init__(name=name, **kwargs)
        self.supports_masking = True

    def call(self, inputs, training=None):
        if self.disable_layer is True:
            return inputs
        else:
            return keras.random.dropout(inputs, rate=self.rate, noise_shape=self.noise_shape)

    def compute_output_shape(self, input_shape):
        return input_shape


class FastMCInference:
    def __init__(self, n, model, **kwargs):
        self.n = n
        if isinstance(model, keras.models.Model):
            self.model = model
        else:
            raise TypeError(
                f"FastMCInference expects an instance of keras.models.Model, you gave {type(model)}"
            )
        self.meanvar_layer = FastMCInferenceMeanVar()

        new_input = keras.layers.Input(shape=(self.model.input_shape[1:]), name="input")
        self.fast_mc_layer = FastMCInferenceV2_internal(self.model, self.n)

        mc = self.meanvar_layer(self.fast_mc_layer(new_input))
        self.transformed_model = keras.models.Model(inputs=new_input, outputs=mc)

    def get_config(self):
        config = {"n": self.n}
        return config


class FastMCInferenceV2_internal(keras.layers.Wrapper):
    def __init__(self, model, n=100, **kwargs):
        super().__init__(model, **kwargs)
        if isinstance(model, keras.Model) or isinstance(model, keras.Sequential):
            self.layer = model
            self.n = n
            self.arange_n = keras.ops.arange(self.n, dtype=keras.backend.floatx())
        else:
            raise TypeError(
                f"FastMCInference expects keras Model, you gave {type(model)}"
            )

    def build(self, input_shape):
        self.built = True

    def compute_output_shape(self, input_shape):
        layer_output_shape = self.layer.compute_output_shape(input_shape)
        if isinstance(layer_output_shape, list):
            return [tuple([self.n] + list(shape)) for shape in layer_output_shape]
        elif isinstance(layer_output_shape, dict):
            return {
                key: tuple([self.n] + list(shape))
                for key, shape in layer_output_shape.items()
            }
        else:
            return (self.n,) + layer_output_shape

    def call(self, inputs, training=None, mask=None):
        def loop_fn(i):
            return self.layer(inputs)

        # (torch vmap branch left out)
        outputs = [self.layer(inputs) for _ in range(self.n)]
        if isinstance(outputs[0], dict):
            outputs = {
                key: keras.ops.stack([output[key] for output in outputs])
                for key in outputs[0].keys()
            }
        else:
            outputs = keras.ops.stack(outputs)
        return outputs


class FastMCInferenceMeanVar(keras.layers.Layer):
    def __init__(self, name=None, **kwargs):
        super().__init__(name=name, **kwargs)

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            return [shape[1:] + (2,) for shape in input_shape]
        elif isinstance(input_shape, dict):
            return {key: shape[1:] + (2,) for key, shape in input_shape.items()}
        else:
            return input_shape[1:] + (2,)

    def call(self, inputs, training=None):
        if isinstance(inputs, dict):
            outputs = {}
            for key, value in inputs.items():
                mean, var = keras.ops.mean(value, axis=0), keras.ops.var(value, axis=0)
                outputs[key] = keras.ops.stack((mean, var), axis=-1)
            return outputs
        elif isinstance(inputs, list):
            outputs = []
            for value in inputs:
                mean, var = keras.ops.mean(value, axis=0), keras.ops.var(value, axis=0)
                outputs.append(keras.ops.stack((mean, var), axis=-1))
            return outputs
        else:
            mean, var = keras.ops.mean(inputs, axis=0), keras.ops.var(inputs, axis=0)
            return keras.ops.stack((mean, var), axis=-1)


def make_base_model():
    inp = keras.Input((16,))
    x = keras.layers.Dense(32, activation="relu")(inp)
    x = MCDropout(0.2)(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(inp, out)


def build_model():
    base = make_base_model()
    return FastMCInference(10, base).transformed_model
