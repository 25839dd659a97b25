# LD011 untracked-container: layers or variables stored through self.__dict__ / vars(self), bypassing Keras's __setattr__
import keras

CASE, TITLE = "LD011g", "self.__dict__[name] = Layer(...), vars(self)[name] = ..., self.__dict__.update({...})"


class Block(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = keras.layers.Conv1D(filters, 3, padding="same")

    def call(self, x):
        return self.conv(x)


class DynamicEncoder(keras.Model):
    def __init__(self, filters=(8, 16), **kwargs):
        super().__init__(**kwargs)
        self.depth = len(filters)
        for i, f in enumerate(filters):
            self.__dict__[f"block_{i}"] = Block(f)  # LD011
        vars(self)["scale"] = keras.Variable(1.0)  # LD011
        self.__dict__.update({"head": keras.layers.Dense(1)})  # LD011

    def call(self, x):
        for i in range(self.depth):
            x = self.__dict__[f"block_{i}"](x)
        return self.head(x) * self.scale


class Student(keras.Model):
    """The look-alikes: a teacher passed in and kept out of tracking on purpose, settings, setattr."""

    def __init__(self, teacher, config, filters=(8, 16), **kwargs):
        super().__init__(**kwargs)
        self.__dict__["_teacher"] = teacher  # not made here: deliberately not tracked (not saved)
        self.__dict__.update(config)  # plain settings
        vars(self)["temperature"] = 2.0
        for i, f in enumerate(filters):
            setattr(self, f"block_{i}", Block(f))  # through __setattr__: tracked
        self.depth = len(filters)

    def call(self, x):
        for i in range(self.depth):
            x = getattr(self, f"block_{i}")(x)
        return x
