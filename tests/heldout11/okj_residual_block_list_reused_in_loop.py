"""Korean Hands-On-ML study notes: ResidualBlock keeps its Dense layers in a plain list, and the model calls one block three times in a loop -- works.

A study repo of notes on Aurélien Géron's Hands-On ML (2nd ed., ch. 12.3.6 "사용자 정의 모델") writes the
book's `ResidualBlock(keras.layers.Layer)` with `self.hidden = [keras.layers.Dense(...) for _ in
range(n_layers)]` and a `ResidualRegressor(keras.Model)` that runs `for _ in range(1 + 3): Z =
self.block1(Z)` (the notes' figure: "중간값이 첫번째 잔차블록층 (ResidualBlock1)을 세 번 통과한다"). Layers in
a Python list, no build() anywhere, and one block instance applied repeatedly look like the
untracked-container / unbuilt / incompatible-reuse patterns, but on Keras 3 the list is tracked, every
Dense is built on the first call, and the reused block is simply shared (its input and output widths
match). The repo's .py has a typo, `kernel_initalizer`, that raises TypeError on any Keras; it is spelled
correctly here as in the book.
"""

SOURCE = "https://github.com/Leo-Lee92/TensorFlow_Study/blob/master/Ch.12.3.6_%EC%82%AC%EC%9A%A9%EC%9E%90%EC%A0%95%EC%9D%98%EB%AA%A8%EB%8D%B8.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okj_residual_block_list_reused_in_loop.py:
as returned: ResidualRegressor, count_params() = 4021, 12 weights, unbuilt: none
after call: count_params() = 4021, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block': 1860, 'residual_block_1': 1860}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras
import numpy as np
import copy
import random


# %%
class ResidualBlock(keras.layers.Layer):
    def __init__(self, n_layers,  n_neurons, **kwargs):
        super().__init__(**kwargs)
        self.hidden = [keras.layers.Dense(n_neurons, activation = "elu", kernel_initializer = "he_normal") for _ in range(n_layers)]

    def call(self, inputs):
        Z = inputs
        for layer in self.hidden:
            Z = layer(Z)
        return inputs + Z


# %%
class ResidualRegressor(keras.Model):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(30, activation = "elu", kernel_initializer = "he_normal")
        self.block1 = ResidualBlock(2, 30)
        self.block2 = ResidualBlock(2, 30)
        self.out = keras.layers.Dense(output_dim)

    def call(self, inputs):
        Z = self.hidden1(inputs)
        for _ in range(1 + 3):
            Z = self.block1(Z)
        Z = self.block2(Z)
        return self.out(Z)


# %%
def build_model():
    model = ResidualRegressor(1)
    model.compile(loss = "mse", optimizer = "nadam")
    X_new = np.random.rand(3, 8).astype("float32")
    model(X_new)  # 최초 호출로 가중치 생성
    return model, X_new
