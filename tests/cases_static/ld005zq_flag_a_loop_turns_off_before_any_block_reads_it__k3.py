# LD005 unbuilt-sublayer: a constructor flag given a local that a loop has already turned off (TF_SRGAN, held-out 41)
import keras
from keras import layers

CASE, TITLE = "LD005zq", "a constructor flag given a local the function has turned off: the sublayer it guards is never run"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s41/probe_ld005zq.py, each function wired on keras.Input((8, 8, 3))):
# first_flag_flipped_before_use: 3 BatchNormalization unbuilt (every block got batch_norm=False);
# no_bn_by_a_local: 1 unbuilt; first_flag_flipped_after_use: 1 unbuilt BN, in the first block only (the
# author's intent; not a finding: the flag differs between iterations); flag_set_in_a_with, flag_set_in_a_try,
# flag_from_a_walrus, flag_from_a_with (the flag rebound by `:=` or `with ... as`): none unbuilt.


class Block(layers.Layer):
    def __init__(self, filters, batch_norm=True):
        super().__init__()
        self.conv = layers.Conv2D(filters, 3)
        self.use_bn = batch_norm
        self.bn = layers.BatchNormalization()

    def call(self, x):
        x = self.conv(x)
        if self.use_bn:
            x = self.bn(x)
        return x


def first_flag_flipped_before_use(inputs):
    first = True
    x = inputs
    for f in [8, 16, 32]:
        if first:
            first = False
        x = Block(f, batch_norm=first)(x)  # LD005
    return keras.Model(inputs, x)


def first_flag_flipped_after_use(inputs):
    first = True
    x = inputs
    for f in [8, 16, 32]:
        x = Block(f, batch_norm=not first)(x)
        first = False
    return keras.Model(inputs, x)


def flag_set_in_a_with(inputs):
    use = False
    with keras.name_scope("x"):
        use = True
        x = Block(4, batch_norm=use)(inputs)
    return keras.Model(inputs, x)


def flag_set_in_a_try(inputs):
    use = False
    try:
        use = True
        x = Block(4, batch_norm=use)(inputs)
    except ValueError:
        x = inputs
    return keras.Model(inputs, x)


def no_bn_by_a_local(inputs):
    use_bn = False
    return keras.Model(inputs, Block(4, batch_norm=use_bn)(inputs))  # LD005


def flag_from_a_walrus(inputs, options=None):
    use_bn = False
    if (use_bn := (options or {"bn": True})["bn"]):
        pass
    return keras.Model(inputs, Block(4, batch_norm=use_bn)(inputs))


class _On:
    def __enter__(self):
        return True

    def __exit__(self, *exc):
        return False


def flag_from_a_with(inputs):
    use_bn = False
    with _On() as use_bn:  # noqa: F811 - the look-alike: a flag a with statement rebinds
        x = Block(4, batch_norm=use_bn)(inputs)
    return keras.Model(inputs, x)
