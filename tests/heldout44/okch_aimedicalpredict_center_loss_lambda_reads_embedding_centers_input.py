"""A center-loss classifier (the Keras recipe that keeps the class centres in an `Embedding` layer) computes the
center-loss term with `Lambda(lambda x: K.sum(K.square(x[0] - x[1][:, 0]), 1, keepdims=True))`: a Lambda in a
metric-learning model that reads the learned class centres, the shape of a Lambda using state it does not own
(LD012). It is fine: the centres are the weights of `Embedding(nb_classes, feature_size)`, a layer wired in the
functional graph on the label input; the Lambda receives the looked-up centres and the features as its inputs
(`[feature, centers]`) and closes over nothing. The embedding matrix is tracked by the model, saved with it, and
trained by the `l2_loss` output (loss `lambda y_true, y_pred: y_pred`, weight 0.2), which pulls each class centre
towards its features while pulling the features towards the centre.

From mishidemudong/ai_medical_predict, `Train_predict_2Model.py` (module-level script) at cd1ac6c.

Porting edits: `K.sum`/`K.square` (Keras 2 backend functions Keras 3 dropped) become `ops.sum`/`ops.square` from
`keras.ops`; the module-level graph is put in build_model() unchanged (224x224x3 images, 100 classes, 32-d
features), with both compile calls; the final `model_train.fit([train_images, train_targets], [train_targets,
random_y])` on undefined data is not run. build_model() returns `model_train` with a random batch of 2 images and
2 integer labels.
"""

SOURCE = "https://github.com/mishidemudong/ai_medical_predict/blob/cd1ac6c92aa86f2b1d8d7d3e80222ea8d80e7e50/Train_predict_2Model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 3949382, 7 weights, unbuilt: none
after call: count_params() = 3949382, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
python probes/probe_center.py <this file>: the l2_loss Lambda has 0 weights and no closure (function.__closure__ is None); one fit epoch on the batch (labels 3 and 7) changes exactly embedding rows [3, 7], the centres the center-loss output trains."""

import numpy as np
from keras.layers import Input,Conv2D, MaxPooling2D,Flatten,Dense,Embedding,Lambda
from keras.models import Model
from keras import ops

nb_classes = 100
feature_size = 32


def build_model():
    input_image = Input(shape=(224,224,3))
    cnn = Conv2D(10, (2,2))(input_image)
    cnn = MaxPooling2D((2,2))(cnn)
    cnn = Flatten()(cnn)
    feature = Dense(feature_size, activation='relu')(cnn)
    predict = Dense(nb_classes, activation='softmax', name='softmax')(feature) #至此，得到一个常规的softmax分类模型

    input_target = Input(shape=(1,))
    centers = Embedding(nb_classes, feature_size)(input_target) #Embedding层用来存放中心
    l2_loss = Lambda(lambda x: ops.sum(ops.square(x[0]-x[1][:,0]), 1, keepdims=True), name='l2_loss')([feature,centers])

    model_train = Model(inputs=[input_image,input_target], outputs=[predict,l2_loss])
    model_train.compile(optimizer='adam', loss=['sparse_categorical_crossentropy',lambda y_true,y_pred: y_pred], loss_weights=[1.,0.2], metrics={'softmax':'accuracy'})

    model_predict = Model(inputs=input_image, outputs=predict)
    model_predict.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])

    rng = np.random.default_rng(0)
    inputs = [rng.random((2, 224, 224, 3)).astype("float32"), np.array([[3.0], [7.0]], dtype="float32")]
    return model_train, inputs
