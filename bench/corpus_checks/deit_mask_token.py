"""Measure the LD009 finding lint gives keras-hub's DeiTEmbeddings in the corpus (docs/corpus.md).

`call()` computes `embeddings = ops.where(bool_masked_pos, mask_token, patch_embeddings)` and then
overwrites `embeddings` with the concatenation of the *unmasked* patch embeddings: the mask is never
applied and `mask_token`, a trainable weight, gets no gradient. Runs on Keras 3 + TF with the
installed keras-hub 0.32.0 (the same source as the corpus's copy).

    python bench/corpus_checks/deit_mask_token.py
"""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import tensorflow as tf
from keras_hub.src.models.deit.deit_layers import DeiTEmbeddings

layer = DeiTEmbeddings(image_size=(8, 8), patch_size=(4, 4), hidden_dim=6, num_channels=3, use_mask_token=True)
images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
masked = np.ones((2, 4), dtype=bool)  # every patch masked
unmasked = np.zeros((2, 4), dtype=bool)
layer(images, bool_masked_pos=masked)
with tf.GradientTape() as tape:
    out_masked = layer(images, bool_masked_pos=masked)
grads = dict(zip([w.path for w in layer.trainable_weights], tape.gradient(out_masked, layer.trainable_weights)))
out_unmasked = layer(images, bool_masked_pos=unmasked)
print("mask_token gradient:", None if grads[layer.mask_token.path] is None else "present")
print("output with every patch masked equals the unmasked output:", bool(np.allclose(out_masked, out_unmasked)))
