# LD011 untracked-container: a local list or dict stored on self (or into a tracked container of self), then filled with layers
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix12b/m1.py and /tmp/fix12b/measure.py on
# this file; keras/src/utils/tracking.py): storing a plain list/dict on a layer makes a tracked COPY
# (`self.x = row`, `self.x = [row]`, `self.x = {"a": row}`, `self.x.extend([row])`, `self.x += [row]`) and
# TrackedList.append/insert and TrackedDict item assignment keep the ORIGINAL plain list but only track
# what it holds at that moment. Layers added to the local afterwards (`row.append(Dense(...))`) are
# never tracked: with a copy they are not even used (0 weights, the forward pass skips them); with the
# original they run untracked (0 weights, their variables used but not counted, trained or saved).
# make_rows_appended_then_filled (the keras#20598 shape): 0 weights, 8 used variables untracked;
# make_row_in_literal_then_filled: 0 weights, 0 used (layers dropped); make_stage_set_then_inserted:
# 0 weights, 2 untracked; make_head_dict_appended_then_set: 0 weights, 2 untracked; make_group_added_then_extended:
# 0 weights, 0 used; make_empty_row_appended_then_filled_through_self: 0 weights, 4 untracked.
# Twins: make_rows_filled_then_appended: 8 weights; make_row_stored_again_after_filling: 2 weights;
# make_nested_literal_filled_through_self (`self.rows = [[]]`, then `self.rows[0].append`): 4 weights;
# make_local_rebound_before_filling: 2 weights.
from keras import layers

CASE, TITLE = "LD011r", "a local list stored on self, then filled: Keras 3 tracked a copy, the layers added later are lost"
FEATURES = 3


class RowsAppendedThenFilled(layers.Layer):
    def build(self, input_shape):
        self.l1 = []
        for i in range(2):
            l2 = []
            self.l1.append(l2)
            for j in range(2):
                l2.append(layers.Dense(3, name=f"dense_{i}_{j}"))  # LD011

    def call(self, x):
        for row in self.l1:
            for dense in row:
                x = dense(x)
        return x


class RowInLiteralThenFilled(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        row = []
        self.rows = [row]
        row.append(layers.Dense(3))  # LD011
        row.append(layers.Dense(3))

    def call(self, x):
        for row in self.rows:
            for dense in row:
                x = dense(x)
        return x


class StageSetThenInserted(layers.Layer):
    def build(self, input_shape):
        self.stages = {}
        stage = list()
        self.stages["s0"] = stage
        stage.insert(0, layers.Dense(3))  # LD011

    def call(self, x):
        for dense in self.stages["s0"]:
            x = dense(x)
        return x


class HeadDictAppendedThenSet(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = []
        head = {}
        self.heads.append(head)
        head["proj"] = layers.Dense(3)  # LD011

    def call(self, x):
        for head in self.heads:
            x = head["proj"](x)
        return x


class GroupAddedThenExtended(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.groups = []
        group = []
        self.groups += [group]
        group.extend([layers.Dense(3), layers.Dense(3)])  # LD011

    def call(self, x):
        for group in self.groups:
            for dense in group:
                x = dense(x)
        return x


class EmptyRowAppendedThenFilledThroughSelf(layers.Layer):
    def build(self, input_shape):
        self.grid = []
        for i in range(2):
            self.grid.append([])
            self.grid[i].append(layers.Dense(3))  # LD011

    def call(self, x):
        for row in self.grid:
            for dense in row:
                x = dense(x)
        return x


class RowsFilledThenAppended(layers.Layer):
    """Correct: each row holds its layers when it is appended, and append tracks what it holds."""

    def build(self, input_shape):
        self.l1 = []
        for i in range(2):
            l2 = []
            for j in range(2):
                l2.append(layers.Dense(3))
            self.l1.append(l2)

    def call(self, x):
        for row in self.l1:
            for dense in row:
                x = dense(x)
        return x


class RowStoredAgainAfterFilling(layers.Layer):
    """Correct: the attribute is assigned again once the row is filled, and that copy is tracked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        row = []
        self.rows = [row]
        row.append(layers.Dense(3))
        self.rows = [row]

    def call(self, x):
        for row in self.rows:
            for dense in row:
                x = dense(x)
        return x


class NestedLiteralFilledThroughSelf(layers.Layer):
    """Correct: `self.rows = [[], []]` wraps the inner lists too, so appending through self is tracked."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows = [[], []]
        self.rows[0].append(layers.Dense(3))
        self.rows[1].append(layers.Dense(3))

    def call(self, x):
        for row in self.rows:
            for dense in row:
                x = dense(x)
        return x


class LocalReboundBeforeFilling(layers.Layer):
    """Correct: the name is bound to a new list before it is filled, and that list is appended afterwards."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = []
        block = []
        self.blocks.append(block)
        block = []
        block.append(layers.Dense(3))
        self.blocks.append(block)

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x


def make_rows_appended_then_filled():
    return RowsAppendedThenFilled()


def make_row_in_literal_then_filled():
    return RowInLiteralThenFilled()


def make_stage_set_then_inserted():
    return StageSetThenInserted()


def make_head_dict_appended_then_set():
    return HeadDictAppendedThenSet()


def make_group_added_then_extended():
    return GroupAddedThenExtended()


def make_empty_row_appended_then_filled_through_self():
    return EmptyRowAppendedThenFilledThroughSelf()


def make_rows_filled_then_appended():
    return RowsFilledThenAppended()


def make_row_stored_again_after_filling():
    return RowStoredAgainAfterFilling()


def make_nested_literal_filled_through_self():
    return NestedLiteralFilledThroughSelf()


def make_local_rebound_before_filling():
    return LocalReboundBeforeFilling()
