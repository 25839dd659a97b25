"""DataCamp's "team strength" model wraps one `Embedding(n_teams, 1)` + `Flatten` in a small functional
`Model` and calls that model on two team-id inputs, subtracting the results: a nested model reused across
branches looks like duplicated or orphaned state, but its single embedding table is tracked once, counted
once and trained by both branches.

From goodboychan's write-up of DataCamp's "Advanced Deep Learning with Keras", chapter 2 ("Categorical
Embeddings, Shared Layers, and Merge Layers"): `team_lookup = Embedding(input_dim=n_teams, output_dim=1,
input_length=1, name='Team-Strength')`, `team_strength_model = Model(teamid_in, Flatten()(team_lookup(
teamid_in)), name='Team-Strength-Model')`, then `team_1_strength = team_strength_model(team_in_1)`,
`team_2_strength = team_strength_model(team_in_2)`, `Subtract()` and `Model([team_in_1, team_in_2],
score_diff)`. Reuse of one layer/model in two places is LD007 territory (info): correct, weights shared on
purpose.

Porting edits: `n_teams = np.unique(games_season['team_1']).shape[0]` is the constant 10888 (the number the
post prints for the basketball data set; no CSV is read); `input_length=1` is dropped (Keras 3 warns it is
deprecated); no compile/fit. `build_model()` returns the model and two batches of 4 team ids.
"""

SOURCE = "https://goodboychan.github.io/python/datacamp/tensorflow-keras/deep_learning/2020/07/27/02-Categorical-Embeddings-Shared-Layers-and-Merge-Layers.html"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_goodboychan_datacamp_team_strength_model_shared_across_two_team_inputs.py:
as returned: Functional, count_params() = 10888, 1 weights, unbuilt: none
after call: count_params() = 10888, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe/p_team.py): the outer model's layers are [InputLayer, InputLayer, Functional, Subtract]; its
one trainable weight is the nested Embedding's table (same object); the gradient of the summed output is
non-zero on exactly the 8 rows of the 4 team-1 ids and the 4 team-2 ids, so both branches train it."""

import numpy as np
from tensorflow.keras.layers import Embedding, Input, Flatten, Subtract
from tensorflow.keras.models import Model

n_teams = 10888


def build_model():
    # Create an embedding layer
    team_lookup = Embedding(input_dim=n_teams,
                            output_dim=1,
                            name='Team-Strength')

    # Create an input layer for the team ID
    teamid_in = Input(shape=(1, ))

    # Lookup the input in the team strength embedding layer
    strength_lookup = team_lookup(teamid_in)

    # Flatten the output
    strength_lookup_flat = Flatten()(strength_lookup)

    # Combine the operations into a single, re-usable model
    team_strength_model = Model(teamid_in, strength_lookup_flat, name='Team-Strength-Model')

    # Input layer for team 1
    team_in_1 = Input(shape=(1, ), name='Team-1-In')

    # Separate input layer for team 2
    team_in_2 = Input(shape=(1, ), name='Team-2-In')

    # Lookup team 1 in the team strength model
    team_1_strength = team_strength_model(team_in_1)

    # Lookup team 2 in the team strength model
    team_2_strength = team_strength_model(team_in_2)

    # Create a subtract layer using the inputs from the previous exercise
    score_diff = Subtract()([team_1_strength, team_2_strength])

    # Subtraction layer from previous exercise
    model = Model([team_in_1, team_in_2], score_diff)

    rng = np.random.default_rng(0)
    x = [rng.integers(0, n_teams, (4, 1)), rng.integers(0, n_teams, (4, 1))]
    return model, x
