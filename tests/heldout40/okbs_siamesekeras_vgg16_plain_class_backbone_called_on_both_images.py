"""bubbliiiing's Siamese-keras keeps its VGG16 backbone in a plain Python class (not a Layer) whose `call()` chains
Keras layers stored as attributes, and calls it on both images: intended weight sharing wired as a functional graph,
every layer tracked, counted once and trained through both branches (correct look-alike of LD011 and LD007).

From bubbliiiing/Siamese-keras (a widely forked Chinese tutorial repository), `nets/vgg.py` and `nets/siamese.py`.
`class VGG16:` (no base class) makes the thirteen Conv2D, five MaxPooling2D and a Flatten in `__init__`;
`siamese(input_shape)` makes one `vgg_model = VGG16()`, then `encoded_image_1 = vgg_model.call(input_image_1)` and
`encoded_image_2 = vgg_model.call(input_image_2)`, an L1 `Lambda` and two Dense layers, and returns
`Model([input_image_1, input_image_2], out)`. The holder object is never tracked, but nothing needs it to be: the
layers are nodes of the functional graph, so the Model finds them through its inputs and outputs.

Porting edits: `keras.backend.abs` no longer exists in Keras 3, so the Lambda uses `keras.ops.abs` (same maths);
`import keras.backend as K` is replaced by `from keras import ops`. The two files are concatenated, otherwise as
written. build_model() calls `siamese([105, 105, 3])` as train.py does.
"""

SOURCE = "https://github.com/bubbliiiing/Siamese-keras/blob/07504ad0d6fea402564b7abdce409b7284115b2b/nets/siamese.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/okbs_siamesekeras_vgg16_plain_class_backbone_called_on_both_images.py:
as returned: Functional, count_params() = 17075009, 30 weights, unbuilt: none
after call: count_params() = 17075009, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(17075009 = VGG16 convs 14714688 counted once + Dense 4608->512 2359808 + Dense 512->1 513; no warning printed.)"""

from keras import ops
from keras.layers import Conv2D, Dense, Flatten, Input, Lambda, MaxPooling2D
from keras.models import Model



class VGG16:
    def __init__(self):
        # 第一个卷积部分
        # 105, 105, 3 -> 105, 105, 64 -> 52, 52, 64
        self.block1_conv1 = Conv2D(64, (3,3), activation = 'relu', padding = 'same',name = 'block1_conv1')
        self.block1_conv2 = Conv2D(64, (3,3), activation = 'relu', padding = 'same',name = 'block1_conv2')
        self.block1_pool = MaxPooling2D((2,2), strides = (2,2), name = 'block1_pool')
        
        # 第二个卷积部分
        # 52, 52, 64 -> 52, 52, 128 -> 26, 26, 128
        self.block2_conv1 = Conv2D(128, (3,3), activation = 'relu', padding = 'same',name = 'block2_conv1')
        self.block2_conv2 = Conv2D(128, (3,3), activation = 'relu', padding = 'same',name = 'block2_conv2')
        self.block2_pool = MaxPooling2D((2,2), strides = (2,2), name = 'block2_pool')

        # 第三个卷积部分
        # 26, 26, 128-> 26, 26, 256 -> 13, 13, 256
        self.block3_conv1 = Conv2D(256, (3,3), activation = 'relu', padding = 'same',name = 'block3_conv1')
        self.block3_conv2 = Conv2D(256, (3,3), activation = 'relu', padding = 'same',name = 'block3_conv2')
        self.block3_conv3 = Conv2D(256, (3,3), activation = 'relu', padding = 'same',name = 'block3_conv3')
        self.block3_pool = MaxPooling2D((2,2), strides = (2,2), name = 'block3_pool')

        # 第四个卷积部分
        # 13, 13, 256-> 13, 13, 512 -> 6, 6, 512
        self.block4_conv1 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block4_conv1')
        self.block4_conv2 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block4_conv2')
        self.block4_conv3 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block4_conv3')
        self.block4_pool = MaxPooling2D((2,2), strides = (2,2), name = 'block4_pool')

        # 第五个卷积部分
        # 6, 6, 512-> 6, 6, 512 -> 3, 3, 512
        self.block5_conv1 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block5_conv1')
        self.block5_conv2 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block5_conv2')
        self.block5_conv3 = Conv2D(512, (3,3), activation = 'relu', padding = 'same', name = 'block5_conv3')   
        self.block5_pool = MaxPooling2D((2,2), strides = (2,2), name = 'block5_pool')

        # 3*3*512 = 4500 + 90 + 18 = 4608
        self.flatten = Flatten(name = 'flatten')

    def call(self, inputs):
        x = inputs
        x = self.block1_conv1(x)
        x = self.block1_conv2(x)
        x = self.block1_pool(x)

        x = self.block2_conv1(x)
        x = self.block2_conv2(x)
        x = self.block2_pool(x)

        x = self.block3_conv1(x)
        x = self.block3_conv2(x)
        x = self.block3_conv3(x)
        x = self.block3_pool(x)
        
        x = self.block4_conv1(x)
        x = self.block4_conv2(x)
        x = self.block4_conv3(x)
        x = self.block4_pool(x)

        x = self.block5_conv1(x)
        x = self.block5_conv2(x)
        x = self.block5_conv3(x)
        x = self.block5_pool(x)

        outputs = self.flatten(x)
        return outputs



#-------------------------#
#   创建孪生神经网络
#-------------------------#
def siamese(input_shape):
    #------------------------------------------#
    #   定义VGG16模型
    #------------------------------------------#
    vgg_model = VGG16()
    #------------------------------------------#
    #   输入是两个图片
    #   input_image_1 : 105, 105, 3
    #   input_image_2 : 105, 105, 3
    #------------------------------------------#
    input_image_1 = Input(shape=input_shape)
    input_image_2 = Input(shape=input_shape)

    #------------------------------------------#
    #   我们将两个输入传入到主干特征提取网络
    #   encoded_image_1 : 105, 105, 3 -> 4608
    #   encoded_image_2 : 105, 105, 3 -> 4608
    #------------------------------------------#
    encoded_image_1 = vgg_model.call(input_image_1)
    encoded_image_2 = vgg_model.call(input_image_2)

    #------------------------------------------#
    #   相减取绝对值，此处算的是l1距离
    #   相当于两个特征向量的距离
    #------------------------------------------#
    l1_distance = Lambda(lambda tensors: ops.abs(tensors[0] - tensors[1]))([encoded_image_1, encoded_image_2])
    #------------------------------------------#
    #   进行两次全连接
    #------------------------------------------#
    out = Dense(512, activation = 'relu')(l1_distance)
    #------------------------------------------#
    #   利用sigmoid函数将最后的值固定在0-1之间。
    #------------------------------------------#
    out = Dense(1, activation = 'sigmoid')(out)

    model = Model([input_image_1, input_image_2], out)
    return model


def build_model():
    return siamese([105, 105, 3])
