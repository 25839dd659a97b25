"""The Keras guide's video question-answering model, typed in by a learner: a `Sequential` vision model
is wrapped in `TimeDistributed` for video after serving an image VQA model, and a question encoder is carved
out of the VQA graph with `Model(inputs=question_input, outputs=encoded_question)` and called on a new input:
models nested in models and a sub-model cut from another model's tensors look like duplicated or orphaned
weights, but the video model tracks exactly the same vision/Embedding/LSTM variables once and trains them.

From aCuissot/Hands-On_Machine_Learning_Exercises, `Keras/2_Functional_API/9_Video_question_answering_model.py`:
`vision_model = Sequential([Conv2D x7, MaxPooling2D x3, Flatten])` with `input_shape=(224, 224, 3)`,
`vqa_model = Model([image_input, question_input], Dense(1000)(concatenate([LSTM(256)(Embedding(10000, 256)(
question_input)), vision_model(image_input)])))`, then `TimeDistributed(vision_model)(video_input)` ->
`LSTM(256)`, `question_encoder = Model(question_input, encoded_question)`,
`question_encoder(video_question_input)` and `video_qa_model`. (Same repository as
`okbj_acuissot_handson_layer_node_...`; a different file and pattern.)

Porting edits: images 32x32 instead of 224x224 and 2 frames instead of 100, vocabulary 1000 and questions of
10 tokens instead of 10000/100, output Dense(10) instead of 1000, so the case builds quickly (the wiring is
unchanged); `input_shape=` on the first Conv2D is an `Input` layer first in the Sequential (Keras 3 warns on
`input_shape`); `input_length=100` dropped. `build_model()` returns `video_qa_model` and one video/question
batch of 2.
"""

SOURCE = "https://github.com/aCuissot/Hands-On_Machine_Learning_Exercises/blob/499a1497ba4de1fcf3ac6f6840d13554c0f252b4/Keras/2_Functional_API/9_Video_question_answering_model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_acuissot_handson_video_qa_reuses_vision_sequential_and_carved_question_encoder.py:
as returned: Functional, count_params() = 3047242, 23 weights, unbuilt: none
after call: count_params() = 3047242, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py): layers [InputLayer, TimeDistributed, InputLayer, LSTM, Functional, Concatenate,
Dense]; 23 weights = the vision Sequential's 7 convolutions (14, through TimeDistributed) + the video LSTM (3)
+ the carved question encoder's Embedding and LSTM (4) + the new Dense head (2); the VQA model's own Dense
head is not pulled in. One compiled train_on_batch changes 23 of 23.
(While writing the case, attaching `vqa_model` as an attribute of the returned model made Keras 3 track it
as a sublayer: its Dense head then appeared with None gradients; that attribute is not in the source and was
removed.)"""

import numpy as np
import keras
from keras import Input, Model, Sequential
from keras.layers import TimeDistributed, LSTM, Dense, Conv2D, MaxPooling2D, Flatten, Embedding

SIZE, FRAMES, VOCAB, QLEN, NOUT = 32, 2, 1000, 10, 10


def build_model():
    vision_model = Sequential()
    vision_model.add(Input(shape=(SIZE, SIZE, 3)))
    vision_model.add(Conv2D(64, (3, 3), activation='relu', padding='same'))
    vision_model.add(Conv2D(64, (3, 3), activation='relu'))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Conv2D(128, (3, 3), activation='relu', padding='same'))
    vision_model.add(Conv2D(128, (3, 3), activation='relu'))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Conv2D(256, (3, 3), activation='relu', padding='same'))
    vision_model.add(Conv2D(256, (3, 3), activation='relu'))
    vision_model.add(Conv2D(256, (3, 3), activation='relu'))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Flatten())

    image_input = Input(shape=(SIZE, SIZE, 3))
    encoded_image = vision_model(image_input)

    question_input = Input(shape=(QLEN,), dtype='int32')
    embedded_question = Embedding(input_dim=VOCAB, output_dim=256)(question_input)
    encoded_question = LSTM(256)(embedded_question)

    merged = keras.layers.concatenate([encoded_question, encoded_image])
    output = Dense(NOUT, activation='softmax')(merged)
    vqa_model = Model(inputs=[image_input, question_input], outputs=output)

    # train the previous visual model

    video_input = Input(shape=(FRAMES, SIZE, SIZE, 3))
    # This is our video encoded via the previously trained vision_model (weights are reused)
    encoded_frame_sequence = TimeDistributed(vision_model)(video_input)
    encoded_video = LSTM(256)(encoded_frame_sequence)

    # This is a model-level representation of the question encoder, reusing the same weights as before:
    question_encoder = Model(inputs=question_input, outputs=encoded_question)

    # Let's use it to encode the question:
    video_question_input = Input(shape=(QLEN,), dtype='int32')
    encoded_video_question = question_encoder(video_question_input)

    # And this is our video question answering model:
    merged = keras.layers.concatenate([encoded_video, encoded_video_question])
    output = Dense(NOUT, activation='softmax')(merged)
    video_qa_model = Model(inputs=[video_input, video_question_input], outputs=output)

    rng = np.random.default_rng(0)
    x = [rng.uniform(0, 1, (2, FRAMES, SIZE, SIZE, 3)).astype("float32"), rng.integers(0, VOCAB, (2, QLEN))]
    return video_qa_model, x
