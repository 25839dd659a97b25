# LD006 private-weight-list: a helper method (not __init__/build/call) mutates `_trainable_weights`
"""Measured on Keras 3.15.1 + TF 2.21: `KERAS_BACKEND=tensorflow python <this file>` wires each
layer into a functional model and calls it once.

    MaskedBidirectional (its base's reuse() appends)     AttributeError: no attribute '_trainable_weights'
    Tracked (a helper called from build() extends)       AttributeError: no attribute '_non_trainable_weights'
    Collector (wired: works, 2 weights); its absorb(), called from outside, AttributeError: no attribute '_trainable_weights'
    PlainReuse (the helper only calls the inner layer)   works: 2 weights counted through the attribute
"""
import keras

CASE, TITLE = "LD006e", "a base class helper, or a helper called from outside, mutates Keras 2's private weight lists"


class ReusingLayer(keras.layers.Layer):
    """A base class whose helper runs a ready-made layer and copies its weights in."""

    def reuse(self, layer, inputs):
        if not layer.built:
            layer.build(tuple(inputs.shape))
        outputs = layer.call(inputs)
        for weight in layer.trainable_weights:
            if weight not in self._trainable_weights:  # (a read: not reported)
                self._trainable_weights.append(weight)  # LD006
        return outputs


class MaskedBidirectional(ReusingLayer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.forward = keras.layers.Dense(units)

    def call(self, inputs):
        return self.reuse(self.forward, inputs)


class Tracked(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.BatchNormalization()

    def build(self, input_shape):
        self.inner.build(input_shape)
        self._collect()

    def _collect(self):  # reached from build(): reported before this fix too
        self._non_trainable_weights.extend(self.inner.non_trainable_weights)  # LD006

    def call(self, inputs):
        return self.inner(inputs)


class Collector(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = keras.layers.Dense(4)

    def absorb(self, other):
        """Called by user code, not by Keras: raises whenever it runs."""
        self._trainable_weights += other.trainable_weights  # LD006

    def call(self, inputs):
        return self.proj(inputs)


# ----------------------------------------------------------------- correct look-alike


class PlainReuse(keras.layers.Layer):
    """Correct: the helper calls the inner layer; its weights are tracked through the attribute."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(4)

    def run_inner(self, inputs):
        outputs = self.inner(inputs)
        print(len(self.trainable_weights), "weights tracked")
        return outputs

    def call(self, inputs):
        return self.run_inner(inputs)


if __name__ == "__main__":
    def wire(layer):
        inputs = keras.Input((6,))
        try:
            model = keras.Model(inputs, layer(inputs))
            model(keras.ops.ones((2, 6)))
            return f"works: {len(model.trainable_weights)} trainable weights"
        except AttributeError as exc:
            return "AttributeError: " + next(line for line in str(exc).splitlines() if "attribute" in line).strip()

    print("MaskedBidirectional:", wire(MaskedBidirectional()))
    print("Tracked:", wire(Tracked()))
    collector = Collector()
    print("Collector:", wire(collector))
    try:
        collector.absorb(keras.layers.Dense(2))
        print("Collector.absorb: works")
    except AttributeError as exc:
        print("Collector.absorb: AttributeError:", str(exc)[:90])
    print("PlainReuse:", wire(PlainReuse()))
