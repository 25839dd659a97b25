"""ncps-enhanced's Keras 3 port of the Liquid Time-Constant cell: `LTCCell.__init__` sets `self.backbone =
None` and keeps the neural-circuit `wiring` (itself a `keras.layers.Layer` subclass that is never called or
built) as an attribute; `build()` then creates the backbone `Sequential` (Dense / Activation / Dropout) and a
`Dense` time-constant layer, builds each by hand and sets `self.built = True`; `call()` merges input and
state with the functional `layers.concatenate(...)` (a new `Concatenate` layer per step). The wiring's
adjacency matrices are plain tensors rebuilt through `ops.convert_to_numpy`.

From SolaceHarmony/ncps-enhanced (`ncps/keras/ltc_cell.py`, with `wirings.py` and `base.py`). Looks like
an unbuilt sublayer (the wiring), sublayers created late, a layer made in `call()` and weight-like tensors
pushed through NumPy, but on Keras 3: every sublayer with weights is created in `build()` and built there,
so it is tracked and counted; the `Concatenate` made per step and the never-built `Wiring` hold no state
(Keras raises no unbuilt-state warning, nothing is missing from the count); the adjacency matrices are a
fixed connectivity description, not parameters, and the cell does not use them in `call()`. All 8 weights
get gradients and are updated by `fit` inside `keras.layers.RNN`.

Porting edits: `Wiring` + `FullyConnected` (from `wirings.py`), `LiquidCell` (from `base.py`) and `LTCCell`
inlined in that order, unchanged apart from dropping the `Random`/`NCP` wirings and the `LTC` model wrapper;
`build_model()` runs the cell in `keras.layers.RNN` on a (5, 3) sequence, as the library's `LTC` wrapper
does, with a 4-neuron fully connected wiring, one backbone layer of 6 units with dropout 0.2, and a
Dense(2) head.
"""

SOURCE = "https://github.com/SolaceHarmony/ncps-enhanced/blob/8e2a1ce02e428c99853d4f3e9d1618a60f934e0c/ncps/keras/ltc_cell.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/oko_ncpsenhanced_ltc_cell_backbone_built_in_build_wiring_layer.py:
as returned: Functional, count_params() = 114, 8 weights, unbuilt: ['FullyConnected:fully_connected']
after call: count_params() = 114, 8 trainable weights, unbuilt: ['FullyConnected:fully_connected']; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ltc_cell': 104, 'fully_connected': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p6.py): no warning while building the model (no "unbuilt state" warning: the
never-built FullyConnected wiring owns no variable); the cell tracks [('fully_connected', built=False,
0 weights), ('sequential', True, 2), ('tau_kernel', True, 2)]; summary: rnn (RNN) 104 params, total
trainable 114 (= what the author's layers define); compile('adam','mse') + fit 2 epochs: 8/8 trainable
weights change. The only trace of the unbuilt wiring is count_params() raising on that stateless layer itself."""

import keras
from keras import ops, layers, activations
import numpy as np
from typing import Optional, List, Dict, Any, Union, Tuple


@keras.saving.register_keras_serializable(package="ncps")
class Wiring(keras.layers.Layer):
    """Base class for neural wiring patterns."""
    
    def __init__(self, units: int):
        """Initialize wiring pattern.
        
        Args:
            units: Number of neurons in the circuit
        """
        super().__init__()
        self.units = units
        self.adjacency_matrix = None
        self.sensory_adjacency_matrix = None
        self.input_dim = None
        self.output_dim = None
    
    def build(self, input_dim: int):
        """Build wiring pattern.
        
        Args:
            input_dim: Input dimension
        """
        if self.input_dim is not None and self.input_dim != input_dim:
            raise ValueError(
                f"Conflicting input dimensions. Expected {self.input_dim}, got {input_dim}"
            )
        self.input_dim = input_dim
        self.sensory_adjacency_matrix = ops.zeros((input_dim, self.units))
    
    def add_synapse(self, src: int, dest: int, polarity: int = 1):
        """Add synapse between neurons.
        
        Args:
            src: Source neuron index
            dest: Destination neuron index
            polarity: Synapse polarity (1 or -1)
        """
        if src < 0 or src >= self.units:
            raise ValueError(f"Invalid source neuron {src}")
        if dest < 0 or dest >= self.units:
            raise ValueError(f"Invalid destination neuron {dest}")
        if polarity not in [-1, 1]:
            raise ValueError(f"Invalid polarity {polarity}")
        
        if self.adjacency_matrix is None:
            self.adjacency_matrix = ops.zeros((self.units, self.units))
        
        # Update adjacency matrix
        matrix = ops.convert_to_numpy(self.adjacency_matrix)
        matrix[src, dest] = float(polarity)
        self.adjacency_matrix = ops.convert_to_tensor(matrix)
    
    def add_sensory_synapse(self, src: int, dest: int, polarity: int = 1):
        """Add synapse from sensory input to neuron.
        
        Args:
            src: Source sensory input index
            dest: Destination neuron index
            polarity: Synapse polarity (1 or -1)
        """
        if not self.is_built():
            raise ValueError("Cannot add sensory synapses before build()")
        if src < 0 or src >= self.input_dim:
            raise ValueError(f"Invalid source sensory neuron {src}")
        if dest < 0 or dest >= self.units:
            raise ValueError(f"Invalid destination neuron {dest}")
        if polarity not in [-1, 1]:
            raise ValueError(f"Invalid polarity {polarity}")
        
        # Update sensory adjacency matrix
        matrix = ops.convert_to_numpy(self.sensory_adjacency_matrix)
        matrix[src, dest] = float(polarity)
        self.sensory_adjacency_matrix = ops.convert_to_tensor(matrix)
    
    def is_built(self) -> bool:
        """Check if wiring is built."""
        return self.input_dim is not None
    
    def get_config(self) -> Dict[str, Any]:
        """Get configuration for serialization."""
        config = super().get_config()
        config.update({
            'class_name': self.__class__.__name__,
            'config': {
                'units': self.units,
                'adjacency_matrix': ops.convert_to_numpy(self.adjacency_matrix).tolist() if self.adjacency_matrix is not None else None,
                'sensory_adjacency_matrix': ops.convert_to_numpy(self.sensory_adjacency_matrix).tolist() if self.sensory_adjacency_matrix is not None else None,
                'input_dim': self.input_dim,
                'output_dim': self.output_dim,
            }
        })
        return config
    
    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> 'Wiring':
        """Create from configuration."""
        # Extract config
        if 'config' in config:
            config = config['config']
        
        # Create instance
        instance = cls(config['units'])
        if config['adjacency_matrix'] is not None:
            instance.adjacency_matrix = ops.convert_to_tensor(config['adjacency_matrix'])
        if config['sensory_adjacency_matrix'] is not None:
            instance.sensory_adjacency_matrix = ops.convert_to_tensor(config['sensory_adjacency_matrix'])
        instance.input_dim = config['input_dim']
        instance.output_dim = config['output_dim']
        return instance


@keras.saving.register_keras_serializable(package="ncps")
class FullyConnected(Wiring):
    """Fully connected wiring pattern."""
    
    def __init__(
        self,
        units: int,
        output_dim: Optional[int] = None,
        self_connections: bool = True,
        random_seed: int = 1111
    ):
        """Initialize fully connected wiring.
        
        Args:
            units: Number of neurons
            output_dim: Output dimension (default: units)
            self_connections: Allow self connections (default: True)
            random_seed: Random seed for initialization
        """
        super().__init__(units)
        self.output_dim = output_dim or units
        self.self_connections = self_connections
        self._rng = np.random.RandomState(random_seed)
        
        # Initialize connections
        for src in range(self.units):
            for dest in range(self.units):
                if src == dest and not self_connections:
                    continue
                polarity = self._rng.choice([-1, 1, 1])  # Bias towards excitatory
                self.add_synapse(src, dest, polarity)
    
    def build(self, input_dim: int):
        """Build fully connected sensory synapses."""
        super().build(input_dim)
        for src in range(self.input_dim):
            for dest in range(self.units):
                polarity = self._rng.choice([-1, 1, 1])  # Bias towards excitatory
                self.add_sensory_synapse(src, dest, polarity)
    
    def get_config(self) -> Dict[str, Any]:
        """Get configuration for serialization."""
        config = super().get_config()
        config['config'].update({
            'output_dim': self.output_dim,
            'self_connections': self.self_connections,
            'random_seed': self._rng.get_state()[1][0],
        })
        return config
    
    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> 'FullyConnected':
        """Create from configuration."""
        if 'config' in config:
            config = config['config']
        return cls(
            units=config['units'],
            output_dim=config['output_dim'],
            self_connections=config['self_connections'],
            random_seed=config['random_seed']
        )


class LiquidCell(layers.Layer):
    """Base class for liquid time-constant cells."""
    
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state_size = None
        self.output_size = None
    
    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """Create initial state tensor.
        
        Args:
            inputs: Input tensor if available
            batch_size: Batch size if inputs not available
            dtype: Data type to use
            
        Returns:
            Initial state tensor
        """
        if batch_size is None:
            batch_size = keras.ops.shape(inputs)[0]
        if dtype is None:
            dtype = keras.backend.floatx()
            
        return [
            keras.ops.zeros((batch_size, dim), dtype=dtype)
            for dim in (self.state_size if isinstance(self.state_size, (list, tuple))
                       else [self.state_size])
        ]


@keras.saving.register_keras_serializable(package="ncps")
class LTCCell(LiquidCell):
    """A Liquid Time-Constant (LTC) cell."""
    
    def __init__(
        self,
        wiring,
        activation: str = "tanh",
        backbone_units: Optional[List[int]] = None,
        backbone_layers: int = 0,
        backbone_dropout: float = 0.0,
        **kwargs
    ):
        super().__init__(**kwargs)
        self.wiring = wiring
        self.units = wiring.units
        self.state_size = self.units
        self.output_size = wiring.output_dim or wiring.units
        self.input_size = wiring.input_dim if wiring.input_dim is not None else 0
        
        # Get activation function
        self.activation_name = activation
        self.activation = activations.get(activation)
        
        # Process backbone units
        if backbone_units is None:
            backbone_units = []
        elif isinstance(backbone_units, int):
            backbone_units = [backbone_units] * backbone_layers
        elif len(backbone_units) == 1 and backbone_layers > 1:
            backbone_units = backbone_units * backbone_layers
            
        # Store backbone configuration
        self.backbone_units = backbone_units
        self.backbone_layers = backbone_layers
        self.backbone_dropout = backbone_dropout
        self.backbone = None
        
        # Calculate backbone dimensions
        self.backbone_input_dim = self.input_size + self.units
        if backbone_layers > 0 and backbone_units:
            self.backbone_output_dim = backbone_units[-1]
        else:
            self.backbone_output_dim = self.backbone_input_dim
    
    def build_backbone(self):
        """Build backbone network layers."""
        # Clear any existing backbone
        self.backbone = None
        
        # Only build if needed
        if not self.backbone_layers or not self.backbone_units:
            return
        
        layers_list = []
        current_dim = self.backbone_input_dim
        
        # Build layers
        for i, units in enumerate(self.backbone_units):
            # Add linear layer
            layers_list.append(layers.Dense(units))
            
            # Add activation and dropout except for last layer
            if i < len(self.backbone_units) - 1:
                layers_list.append(layers.Activation(self.activation))
                if self.backbone_dropout > 0:
                    layers_list.append(layers.Dropout(self.backbone_dropout))
            
            current_dim = units
            
        self.backbone = keras.Sequential(layers_list)
        
        # Build backbone with correct input shape
        self.backbone.build((None, self.backbone_input_dim))
    
    def build(self, input_shape):
        """Build cell parameters."""
        # Set input dimension
        input_dim = input_shape[-1]
        self.input_size = input_dim
        self.backbone_input_dim = self.input_size + self.units
        
        # Build backbone if needed
        self.build_backbone()
        
        # Get effective input dimension
        if self.backbone is not None:
            input_dim = self.backbone_output_dim
        else:
            input_dim = self.input_size + self.units
        
        # Initialize transformation weights
        self.kernel = self.add_weight(
            shape=(input_dim, self.units),
            initializer="glorot_uniform",
            name="kernel"
        )
        self.bias = self.add_weight(
            shape=(self.units,),
            initializer="zeros",
            name="bias"
        )
        
        # Initialize time constant network
        self.tau_kernel = layers.Dense(
            self.units,
            name="tau_kernel"
        )
        self.tau_kernel.build((None, input_dim))
        
        # Initialize output projection if needed
        if self.output_size != self.units:
            self.output_kernel = self.add_weight(
                shape=(self.units, self.output_size),
                initializer="glorot_uniform",
                name="output_kernel"
            )
            self.output_bias = self.add_weight(
                shape=(self.output_size,),
                initializer="zeros",
                name="output_bias"
            )
        
        self.built = True
    
    def call(self, inputs, states, training=None):
        """Process one step with the cell.
        
        Args:
            inputs: Input tensor of shape [batch_size, input_size]
            states: Previous state tensors
            training: Whether in training mode
            
        Returns:
            Tuple of (output, new_states)
        """
        # Get current state
        state = states[0]
        
        # Process input
        x = layers.concatenate([inputs, state])
        if self.backbone is not None:
            x = self.backbone(x, training=training)
        
        # Compute delta term
        d = ops.matmul(x, self.kernel) + self.bias
        
        # Compute time constants
        tau = ops.exp(self.tau_kernel(x))
        
        # Update state
        new_state = state + (-state + d) / tau
        
        # Apply activation
        new_state = self.activation(new_state)
        
        # Project output if needed
        if self.output_size != self.units:
            output = ops.matmul(new_state, self.output_kernel) + self.output_bias
        else:
            output = new_state
        
        return output, [new_state]
    
    def get_config(self) -> Dict[str, Any]:
        """Get configuration for serialization."""
        config = super().get_config()
        config.update({
            'wiring': self.wiring.get_config(),
            'activation': self.activation_name,
            'backbone_units': self.backbone_units,
            'backbone_layers': self.backbone_layers,
            'backbone_dropout': self.backbone_dropout,
        })
        return config
    
    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Create from configuration."""
        # Extract wiring configuration
        wiring_config = config.pop('wiring')
        
        # Import wiring class dynamically
        import importlib
        wirings_module = importlib.import_module('ncps.keras.wirings')
        wiring_class = getattr(wirings_module, wiring_config['class_name'])
        
        # Create wiring
        wiring = wiring_class.from_config(wiring_config['config'])
        config['wiring'] = wiring
        
        return cls(**config)


def build_model():
    wiring = FullyConnected(4)
    cell = LTCCell(wiring, backbone_units=[6], backbone_layers=1, backbone_dropout=0.2)
    inputs = keras.Input((5, 3))
    x = keras.layers.RNN(cell, return_sequences=False)(inputs)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
