"""A 2025 Keras 3 physics-informed trajectory transformer projects its physics features with `layers.Dense(self.transformer_dim)` created inside the helper `compute_physics_features()`, which `call()` runs on every forward pass: the projection is a new, untracked, untrained Dense each call, so predictions change from call to call.

From fergusmeiklejohn/neural_networks_research (research code on Keras 3, written for the JAX backend, 2025),
`models/physics_informed_transformer.py`. `PhysicsInformedTrajectoryTransformer(keras.Model)` creates all its
sublayers in a helper `_build_components()` called from `__init__` (tracked: Dense/Embedding heads, a list of
`TransformerBlock`s, a `HamiltonianNN` sub-model, soft collision and wall layers, `PhysicsGuidedAttention`), and
its `call()` delegates to a second helper, `compute_physics_features()`, that runs the HNN and the collision
models per time step and ends with `physics_features = layers.Dense(self.transformer_dim)(physics_features)`.
The fused features feed every output head, so the fresh random projection changes the outputs of each call
(LD002, made in a helper method rather than in `call()` itself). The classes it uses come from
`models/physics_informed_components.py` (HamiltonianNN, FourierFeatures, PhysicsGuidedAttention,
NonDimensionalizer) and `models/collision_models.py` (SoftCollisionPotential, WallBounceModel), copied in.
`self.non_dimensionalizer` is created and never called; it has no weights, so it is not labelled.

Porting edits: the files set `KERAS_BACKEND=jax` and import jax; the environment line and the jax imports are
dropped (jax is not installed here), `jnp.ndarray` annotations become strings, and `SoftCollisionPotential.
compute_force` (the one `jax.grad` user, never called by the model) is left out; in `WallBounceModel.compute_wall_force` the four `vx * (vx < 0)`-style products get
`ops.cast(..., vx.dtype)` around the comparison (JAX multiplies a float by a bool, TensorFlow raises). `PhysicsLosses` and the model's
`compute_loss` override are left out; build_model() passes `use_physics_losses=False` (the author's test uses
True; the losses are computed outside the forward pass). Sizes are shrunk from the author's test
(sequence 50, dim 128) to sequence 6, dim 16, 2 heads, 1 transformer layer, HNN hidden 8 x 1 layer (its 32 Fourier
features are the model's default); the input is random (2, 6, 18) trajectories with positions in [100, 700] like the test's.
"""

SOURCE = "https://github.com/fergusmeiklejohn/neural_networks_research/blob/b7e887c4a986bfbfae2bd13ab2a87d2aeba50c7a/models/physics_informed_transformer.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/bt_nnresearch_physics_transformer_dense_made_in_compute_physics_features_helper.py:
as returned: PhysicsInformedTrajectoryTransformer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['NonDimensionalizer:non_dimensionalizer', 'Dense:dense', 'Embedding:embedding', 'TransformerBlock:transformer_block', 'Sequential:sequential', 'Dense:dense_2', 'Dense:dense_1', 'LayerNormalization:layer_normalization_1', 'LayerNormalization:layer_normalization', 'MultiHeadAttention:multi_head_attention', 'HamiltonianNN:hamiltonian_nn', 'Sequential:sequential_1', 'Dense:dense_4', 'Dense:dense_3', 'FourierFeatures:fourier_features', 'SoftCollisionPotential:soft_collision_potential', 'WallBounceModel:wall_bounce_model', 'PhysicsGuidedAttention:physics_guided_attention', 'Dense:dense_6', 'Dense:dense_5', 'MultiHeadAttention:multi_head_attention_1', 'Dense:dense_7', 'Dense:dense_8', 'Dense:dense_9', 'Dense:dense_10', 'Dense:dense_11']
after call: count_params() = 10717, 45 trainable weights, unbuilt: ['NonDimensionalizer:non_dimensionalizer']; output dtypes ['float32']
gradient None for 0 of 45 trainable weights: []
tape watched 2 variables the model does not track: ['physics_informed_trajectory_transformer/dense_13/kernel:0', 'physics_informed_trajectory_transformer/dense_13/bias:0']
params of the case's own layers: {'non_dimensionalizer': 'count_params() raised ValueError', 'transformer_block': 3280, 'hamiltonian_nn': 4145, 'fourier_features': 32, 'soft_collision_potential': 0, 'wall_bounce_model': 0, 'physics_guided_attention': 1888}
second call: 2 variables watched that the first call did not use
probe (probe_physics.py): two inference calls (training=False) on the same input give positions differing by up to 2.86; model.weights stays 46 (the Dense made in compute_physics_features is never added)."""

from typing import Tuple

import keras
import numpy as np
from keras import layers, ops


class SoftCollisionPotential(layers.Layer):
    """Smooth collision potential using Fischer-Burmeister function.

    Provides differentiable approximation of hard contact constraints
    for ball-to-ball collisions.
    """

    def __init__(
        self,
        stiffness: float = 1000.0,
        epsilon: float = 1e-3,
        elasticity: float = 0.8,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.stiffness = stiffness
        self.epsilon = epsilon
        self.elasticity = elasticity

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "stiffness": self.stiffness,
                "epsilon": self.epsilon,
                "elasticity": self.elasticity,
            }
        )
        return config

    def call(self, inputs):
        """Compute soft collision potential between two balls.

        Args:
            inputs: Dictionary with keys:
                - positions1: Position of ball 1, shape (..., 2) for [x, y]
                - positions2: Position of ball 2, shape (..., 2) for [x, y]
                - radius1: Radius of ball 1
                - radius2: Radius of ball 2

        Returns:
            Collision potential energy
        """
        positions1 = inputs["positions1"]
        positions2 = inputs["positions2"]
        radius1 = inputs["radius1"]
        radius2 = inputs["radius2"]
        # Compute distance between centers
        r12 = positions2 - positions1
        distance = ops.sqrt(ops.sum(r12**2, axis=-1) + self.epsilon**2)

        # Penetration depth (negative when no collision)
        radius_sum = radius1 + radius2
        penetration = radius_sum - distance

        # Smooth approximation using softplus
        # This gives 0 when no collision, positive when colliding
        contact_force = ops.nn.softplus(penetration / self.epsilon) * self.epsilon

        # Collision potential energy
        potential = 0.5 * self.stiffness * contact_force**2

        # Apply elasticity factor
        potential = potential * self.elasticity

        return potential


class WallBounceModel(layers.Layer):
    """Smooth wall bounce handling using sigmoid approximations."""

    def __init__(
        self,
        world_width: float = 800.0,
        world_height: float = 600.0,
        wall_stiffness: float = 2000.0,
        temperature: float = 0.01,
        elasticity: float = 0.8,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.world_width = world_width
        self.world_height = world_height
        self.wall_stiffness = wall_stiffness
        self.temperature = temperature
        self.elasticity = elasticity

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "world_width": self.world_width,
                "world_height": self.world_height,
                "wall_stiffness": self.wall_stiffness,
                "temperature": self.temperature,
                "elasticity": self.elasticity,
            }
        )
        return config

    def compute_wall_potential(self, position, radius):
        """Compute smooth wall collision potential.

        Args:
            position: Ball position [x, y]
            radius: Ball radius

        Returns:
            Wall collision potential energy
        """
        x, y = position[..., 0], position[..., 1]

        # Distance to walls (negative inside bounds)
        left_dist = x - radius
        right_dist = self.world_width - x - radius
        bottom_dist = y - radius
        top_dist = self.world_height - y - radius

        # Smooth wall potentials using softplus
        left_potential = (
            ops.nn.softplus(-left_dist / self.temperature) * self.temperature
        )
        right_potential = (
            ops.nn.softplus(-right_dist / self.temperature) * self.temperature
        )
        bottom_potential = (
            ops.nn.softplus(-bottom_dist / self.temperature) * self.temperature
        )
        top_potential = ops.nn.softplus(-top_dist / self.temperature) * self.temperature

        # Total wall potential
        total_potential = self.wall_stiffness * (
            left_potential**2
            + right_potential**2
            + bottom_potential**2
            + top_potential**2
        )

        return total_potential

    def compute_wall_force(self, position, velocity, radius):
        """Compute wall collision force with velocity-dependent damping.

        Returns force vector including elastic reflection.
        """
        x, y = position[..., 0], position[..., 1]
        vx, vy = velocity[..., 0], velocity[..., 1]

        # Activation functions for each wall
        left_activation = ops.nn.sigmoid((radius - x) / self.temperature)
        right_activation = ops.nn.sigmoid(
            (x + radius - self.world_width) / self.temperature
        )
        bottom_activation = ops.nn.sigmoid((radius - y) / self.temperature)
        top_activation = ops.nn.sigmoid(
            (y + radius - self.world_height) / self.temperature
        )

        # Compute reflection forces
        fx = 0.0
        fy = 0.0

        # Left/right walls
        fx += left_activation * (-2 * self.elasticity * vx * ops.cast(vx < 0, vx.dtype))
        fx += right_activation * (-2 * self.elasticity * vx * ops.cast(vx > 0, vx.dtype))

        # Bottom/top walls
        fy += bottom_activation * (-2 * self.elasticity * vy * ops.cast(vy < 0, vy.dtype))
        fy += top_activation * (-2 * self.elasticity * vy * ops.cast(vy > 0, vy.dtype))

        # Add position-based restoring force
        fx += self.wall_stiffness * (
            left_activation * (radius - x)
            - right_activation * (x + radius - self.world_width)
        )
        fy += self.wall_stiffness * (
            bottom_activation * (radius - y)
            - top_activation * (y + radius - self.world_height)
        )

        return ops.stack([fx, fy], axis=-1)

    def call(self, inputs):
        """Combined wall interaction.

        Args:
            inputs: Dictionary with 'position', 'velocity', 'radius'

        Returns:
            Tuple of (potential, force)
        """
        position = inputs["position"]
        velocity = inputs["velocity"]
        radius = inputs["radius"]

        potential = self.compute_wall_potential(position, radius)
        force = self.compute_wall_force(position, velocity, radius)
        return potential, force


class HamiltonianNN(keras.Model):
    """Hamiltonian Neural Network that conserves energy by construction.

    For a 2-ball system, models the Hamiltonian:
    H = Σᵢ(pᵢ²/2mᵢ) + Σᵢ(mᵢgyᵢ) + V(r₁₂)

    Where:
    - pᵢ: momentum of ball i
    - mᵢ: mass of ball i
    - g: gravity constant
    - yᵢ: height of ball i
    - V(r₁₂): interaction potential between balls
    """

    def __init__(
        self,
        hidden_dim: int = 256,
        num_layers: int = 3,
        activation: str = "tanh",
        use_fourier_features: bool = True,
        fourier_features: int = 32,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_layers = num_layers
        self.activation = activation
        self.use_fourier_features = use_fourier_features
        self.fourier_features = fourier_features

        # Build the Hamiltonian network
        self.hamiltonian_net = self._build_hamiltonian_network()

    def build(self, input_shape):
        # Build the hamiltonian network with proper input shape
        if isinstance(input_shape, dict):
            state_shape = input_shape.get("state", (None, 8))
        else:
            state_shape = (None, 8)  # Default for 2 balls
        dummy_input = ops.zeros((1,) + state_shape[1:])
        _ = self.hamiltonian_net(dummy_input)  # Build the network
        super().build(input_shape)

    def _build_hamiltonian_network(self):
        """Build neural network to approximate the Hamiltonian."""
        layers_list = []

        # Optional Fourier feature layer
        if self.use_fourier_features:
            layers_list.append(FourierFeatures(self.fourier_features))

        # Hidden layers
        for _ in range(self.num_layers):
            layers_list.append(
                layers.Dense(self.hidden_dim, activation=self.activation)
            )

        # Output single scalar (Hamiltonian value)
        layers_list.append(layers.Dense(1, activation=None))

        return keras.Sequential(layers_list)

    def get_config(self):
        return {
            "hidden_dim": self.hidden_dim,
            "num_layers": self.num_layers,
            "activation": self.activation,
            "use_fourier_features": self.use_fourier_features,
            "fourier_features": self.fourier_features,
        }

    def compute_hamiltonian(
        self, state: "jnp.ndarray", masses: "jnp.ndarray"
    ) -> "jnp.ndarray":
        """Compute Hamiltonian value for given state.

        Args:
            state: [q, p] concatenated positions and momenta
                  Shape: (batch, 8) for 2 balls [x1, y1, x2, y2, px1, py1, px2, py2]
            masses: Masses of the balls, shape: (batch, 2)

        Returns:
            Hamiltonian values, shape: (batch,)
        """
        # Neural network approximation
        H_nn = self.hamiltonian_net(state)

        # Add known kinetic energy term for better physics
        batch_size = ops.shape(state)[0]
        q, p = ops.split(state, 2, axis=-1)  # Split along last axis

        # Reshape p to (batch, 2 balls, 2 dims)
        p_reshaped = ops.reshape(p, (batch_size, 2, 2))

        # Compute kinetic energy: KE = sum(p^2 / 2m)
        p_squared = ops.sum(p_reshaped**2, axis=-1)  # (batch, 2)
        kinetic = ops.sum(p_squared / (2 * masses), axis=-1)  # (batch,)

        # Combine with neural network output
        H_nn_scalar = ops.squeeze(H_nn, axis=-1)  # Remove last dimension

        return H_nn_scalar + kinetic

    def compute_dynamics(self, state: np.ndarray, masses: np.ndarray) -> np.ndarray:
        """Compute Hamiltonian dynamics dq/dt, dp/dt.

        Uses automatic differentiation to compute:
        dq/dt = ∂H/∂p
        dp/dt = -∂H/∂q

        Note: This requires pure JAX operations, not Keras layers.
        For now, returning placeholder dynamics.
        """
        # Split state into positions and momenta
        q, p = np.split(state, 2)

        # Placeholder dynamics (would use JAX grad in pure JAX implementation)
        # For actual use, this would be implemented with JAX autodiff
        dq_dt = p / masses.repeat(2)  # Velocity from momentum
        dp_dt = np.zeros_like(p)  # Placeholder forces
        dp_dt[1::2] = -9.81 * masses  # Gravity on y-components

        return np.concatenate([dq_dt, dp_dt])

    def call(self, inputs, training=None):
        """Forward pass computing Hamiltonian value.

        Args:
            inputs: Dictionary with 'state' and 'masses'

        Returns:
            Hamiltonian value
        """
        state = inputs["state"]
        masses = inputs["masses"]
        return self.compute_hamiltonian(state, masses)


class FourierFeatures(layers.Layer):
    """Fourier feature embedding for improved expressivity."""

    def __init__(
        self,
        num_features: int = 32,
        scale_range: Tuple[float, float] = (0, 6),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.num_features = num_features
        self.scale_range = scale_range

    def build(self, input_shape):
        # Initialize frequency scales as a variable
        scales = np.linspace(
            self.scale_range[0], self.scale_range[1], self.num_features
        )
        self.frequencies = self.add_weight(
            name="frequencies",
            shape=(self.num_features,),
            initializer=keras.initializers.Constant(2.0**scales),
            trainable=False,
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            {"num_features": self.num_features, "scale_range": self.scale_range}
        )
        return config

    def call(self, inputs):
        # Get input shape
        input_shape = ops.shape(inputs)
        batch_size = input_shape[0]
        input_dim = input_shape[-1]

        # Expand dimensions for broadcasting
        x = ops.expand_dims(inputs, axis=-1)  # (batch, input_dim, 1)
        freqs = ops.reshape(
            self.frequencies, (1, 1, self.num_features)
        )  # (1, 1, num_features)

        # Compute Fourier features
        angles = x * freqs  # (batch, input_dim, num_features)

        # Concatenate sin and cos
        sin_features = ops.sin(angles)
        cos_features = ops.cos(angles)

        # Stack and reshape
        features = ops.concatenate(
            [sin_features, cos_features], axis=-1
        )  # (batch, input_dim, num_features*2)

        # Flatten last two dimensions
        output_shape = (batch_size, input_dim * self.num_features * 2)
        return ops.reshape(features, output_shape)


class PhysicsGuidedAttention(layers.Layer):
    """Attention mechanism guided by physics constraints."""

    def __init__(self, hidden_dim: int = 128, num_heads: int = 4, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.num_heads = num_heads

        # Multi-head attention for physics features
        self.physics_attention = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=hidden_dim // num_heads
        )

        # Fusion layers
        self.fusion_gate = layers.Dense(hidden_dim, activation="sigmoid")
        self.fusion_transform = layers.Dense(hidden_dim)

    def get_config(self):
        config = super().get_config()
        config.update({"hidden_dim": self.hidden_dim, "num_heads": self.num_heads})
        return config

    def call(self, transformer_features, physics_features, training=None):
        """Apply physics-guided attention to transformer features.

        Args:
            transformer_features: Features from transformer encoder
            physics_features: Features from physics module (HNN)

        Returns:
            Refined features incorporating physics guidance
        """
        # Use physics features to attend to transformer features
        attended = self.physics_attention(
            query=physics_features,
            value=transformer_features,
            key=transformer_features,
            training=training,
        )

        # Gated fusion
        gate = self.fusion_gate(
            ops.concatenate([transformer_features, physics_features], axis=-1)
        )
        transformed = self.fusion_transform(attended)

        # Combine with gating
        output = gate * transformed + (1 - gate) * transformer_features

        return output


class NonDimensionalizer(layers.Layer):
    """Non-dimensionalize inputs for better generalization across parameter ranges."""

    def __init__(
        self,
        characteristic_length: float = 400.0,  # Half of world width
        characteristic_time: float = 1.0,
        characteristic_mass: float = 1.0,
        gravity_scale: float = 1000.0,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.characteristic_length = characteristic_length
        self.characteristic_time = characteristic_time
        self.characteristic_mass = characteristic_mass
        self.gravity_scale = gravity_scale

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "characteristic_length": self.characteristic_length,
                "characteristic_time": self.characteristic_time,
                "characteristic_mass": self.characteristic_mass,
                "gravity_scale": self.gravity_scale,
            }
        )
        return config

    def call(self, positions, velocities, masses, gravity):
        """Non-dimensionalize physical quantities.

        Returns:
            Dictionary of non-dimensional quantities
        """
        # Non-dimensionalize
        positions_nd = positions / self.characteristic_length
        velocities_nd = velocities / (
            self.characteristic_length / self.characteristic_time
        )
        masses_nd = masses / self.characteristic_mass
        gravity_nd = gravity / self.gravity_scale

        return {
            "positions": positions_nd,
            "velocities": velocities_nd,
            "masses": masses_nd,
            "gravity": gravity_nd,
        }

    def inverse(self, positions_nd, velocities_nd, masses_nd, gravity_nd):
        """Convert back to dimensional quantities."""
        positions = positions_nd * self.characteristic_length
        velocities = velocities_nd * (
            self.characteristic_length / self.characteristic_time
        )
        masses = masses_nd * self.characteristic_mass
        gravity = gravity_nd * self.gravity_scale

        return {
            "positions": positions,
            "velocities": velocities,
            "masses": masses,
            "gravity": gravity,
        }


class PhysicsInformedTrajectoryTransformer(keras.Model):
    """Hybrid model combining transformer with physics-informed components.

    Architecture:
    1. Feature extraction with transformer encoder
    2. Physics constraints via Hamiltonian Neural Network
    3. Physics-guided attention for refinement
    4. Adaptive fusion of learned and physics features
    """

    def __init__(
        self,
        # Transformer config
        sequence_length: int = 300,
        feature_dim: int = 18,  # 2 balls * 9 features
        num_transformer_layers: int = 4,
        num_heads: int = 8,
        transformer_dim: int = 256,
        # Physics config
        use_hnn: bool = True,
        hnn_hidden_dim: int = 256,
        hnn_layers: int = 3,
        # Collision config
        use_soft_collisions: bool = True,
        collision_stiffness: float = 1000.0,
        # Loss config
        use_physics_losses: bool = True,
        energy_weight: float = 1.0,
        momentum_weight: float = 0.5,
        # Other
        dropout_rate: float = 0.1,
        **kwargs,
    ):
        super().__init__(**kwargs)

        # Save config
        self.sequence_length = sequence_length
        self.feature_dim = feature_dim
        self.num_transformer_layers = num_transformer_layers
        self.num_heads = num_heads
        self.transformer_dim = transformer_dim
        self.use_hnn = use_hnn
        self.hnn_hidden_dim = hnn_hidden_dim
        self.hnn_layers = hnn_layers
        self.use_soft_collisions = use_soft_collisions
        self.collision_stiffness = collision_stiffness
        self.use_physics_losses = use_physics_losses
        self.energy_weight = energy_weight
        self.momentum_weight = momentum_weight
        self.dropout_rate = dropout_rate

        # Build components
        self._build_components()

    def _build_components(self):
        """Build all model components."""
        # Non-dimensionalizer
        self.non_dimensionalizer = NonDimensionalizer()

        # Input projection
        self.input_projection = layers.Dense(self.transformer_dim)
        self.positional_embedding = layers.Embedding(
            self.sequence_length, self.transformer_dim
        )

        # Transformer encoder
        self.transformer_blocks = []
        for _ in range(self.num_transformer_layers):
            self.transformer_blocks.append(
                TransformerBlock(
                    d_model=self.transformer_dim,
                    num_heads=self.num_heads,
                    dropout=self.dropout_rate,
                )
            )

        # Physics components
        if self.use_hnn:
            self.hnn = HamiltonianNN(
                hidden_dim=self.hnn_hidden_dim,
                num_layers=self.hnn_layers,
                use_fourier_features=True,
            )

        # Collision models
        if self.use_soft_collisions:
            self.collision_model = SoftCollisionPotential(
                stiffness=self.collision_stiffness
            )
            self.wall_model = WallBounceModel()

        # Physics-guided attention
        self.physics_attention = PhysicsGuidedAttention(
            hidden_dim=self.transformer_dim, num_heads=4
        )

        # Fusion layer
        self.fusion_gate = layers.Dense(self.transformer_dim, activation="sigmoid")
        self.fusion_transform = layers.Dense(self.transformer_dim)

        # Output heads
        self.position_head = layers.Dense(4)  # 2 balls * 2D positions
        self.velocity_head = layers.Dense(4)  # 2 balls * 2D velocities
        self.physics_param_head = layers.Dense(
            4
        )  # gravity, friction, elasticity, damping

        # Physics loss computer
        if self.use_physics_losses:
            self.physics_losses = PhysicsLosses(
                energy_weight=self.energy_weight, momentum_weight=self.momentum_weight
            )

    def get_config(self):
        return {
            "sequence_length": self.sequence_length,
            "feature_dim": self.feature_dim,
            "num_transformer_layers": self.num_transformer_layers,
            "num_heads": self.num_heads,
            "transformer_dim": self.transformer_dim,
            "use_hnn": self.use_hnn,
            "hnn_hidden_dim": self.hnn_hidden_dim,
            "hnn_layers": self.hnn_layers,
            "use_soft_collisions": self.use_soft_collisions,
            "collision_stiffness": self.collision_stiffness,
            "use_physics_losses": self.use_physics_losses,
            "energy_weight": self.energy_weight,
            "momentum_weight": self.momentum_weight,
            "dropout_rate": self.dropout_rate,
        }

    def extract_physics_state(self, trajectory_features):
        """Extract position and momentum from trajectory features.

        Args:
            trajectory_features: Shape (batch, seq_len, features)

        Returns:
            Dictionary with positions, velocities, masses
        """
        # Assuming features are [time, x1, y1, x2, y2, vx1, vy1, vx2, vy2, ...]
        positions = ops.stack(
            [
                trajectory_features[..., 1:3],  # Ball 1 position
                trajectory_features[..., 3:5],  # Ball 2 position
            ],
            axis=-2,
        )  # (batch, seq_len, 2 balls, 2)

        velocities = ops.stack(
            [
                trajectory_features[..., 5:7],  # Ball 1 velocity
                trajectory_features[..., 7:9],  # Ball 2 velocity
            ],
            axis=-2,
        )

        # Extract masses (assuming they're in features or use default)
        masses = ops.ones((ops.shape(trajectory_features)[0], 2))  # Default mass 1.0

        return {"positions": positions, "velocities": velocities, "masses": masses}

    def compute_physics_features(self, physics_state, training=None):
        """Compute physics-based features using HNN and collision models."""
        features_list = []

        # HNN features
        if self.use_hnn:
            # Flatten for HNN (expects [q, p] concatenated)
            batch_size = ops.shape(physics_state["positions"])[0]
            seq_len = ops.shape(physics_state["positions"])[1]

            # Compute momenta from velocities (p = m * v)
            momenta = physics_state["velocities"] * ops.expand_dims(
                ops.expand_dims(physics_state["masses"], 1), -1
            )

            # Reshape for HNN: concatenate [x1, y1, x2, y2, px1, py1, px2, py2]
            positions_flat = ops.reshape(
                physics_state["positions"], (batch_size, seq_len, -1)
            )
            momenta_flat = ops.reshape(momenta, (batch_size, seq_len, -1))
            hnn_state = ops.concatenate([positions_flat, momenta_flat], axis=-1)

            # Apply HNN to each timestep
            hnn_features = []
            for t in range(seq_len):
                state_t = hnn_state[:, t]
                h_value = self.hnn(
                    {"state": state_t, "masses": physics_state["masses"]}
                )
                hnn_features.append(h_value)

            hnn_features = ops.stack(hnn_features, axis=1)  # (batch, seq_len)
            hnn_features = ops.expand_dims(hnn_features, -1)  # (batch, seq_len, 1)
            features_list.append(hnn_features)

        # Collision features
        if self.use_soft_collisions:
            collision_features = []

            for t in range(seq_len):
                pos1 = physics_state["positions"][:, t, 0]
                pos2 = physics_state["positions"][:, t, 1]

                # Ball-ball collision potential
                collision_inputs = {
                    "positions1": pos1,
                    "positions2": pos2,
                    "radius1": ops.full((batch_size,), 20.0),
                    "radius2": ops.full((batch_size,), 20.0),
                }
                collision_pot = self.collision_model(collision_inputs)

                # Wall collision potentials
                wall_inputs1 = {
                    "position": pos1,
                    "velocity": physics_state["velocities"][:, t, 0],
                    "radius": ops.full((batch_size,), 20.0),
                }
                wall_pot1, _ = self.wall_model(wall_inputs1)

                wall_inputs2 = {
                    "position": pos2,
                    "velocity": physics_state["velocities"][:, t, 1],
                    "radius": ops.full((batch_size,), 20.0),
                }
                wall_pot2, _ = self.wall_model(wall_inputs2)

                total_collision = collision_pot + wall_pot1 + wall_pot2
                collision_features.append(total_collision)

            collision_features = ops.stack(collision_features, axis=1)
            features_list.append(ops.expand_dims(collision_features, -1))

        # Concatenate all physics features
        if features_list:
            physics_features = ops.concatenate(features_list, axis=-1)
            # Project to transformer dimension
            physics_features = layers.Dense(self.transformer_dim)(physics_features)
        else:
            physics_features = None

        return physics_features

    def call(self, inputs, training=None):
        """Forward pass through the model.

        Args:
            inputs: Trajectory features (batch, seq_len, features)

        Returns:
            Dictionary with predictions and physics quantities
        """
        # Stage 1: Input processing
        batch_size = ops.shape(inputs)[0]
        seq_len = ops.shape(inputs)[1]

        # Project input features
        x = self.input_projection(inputs)

        # Add positional embeddings
        positions = ops.arange(seq_len)
        pos_embeddings = self.positional_embedding(positions)
        x = x + pos_embeddings

        # Stage 2: Transformer encoding
        transformer_features = x
        for transformer_block in self.transformer_blocks:
            transformer_features = transformer_block(
                transformer_features, training=training
            )

        # Stage 3: Extract physics state and compute physics features
        physics_state = self.extract_physics_state(inputs)
        physics_features = self.compute_physics_features(
            physics_state, training=training
        )

        # Stage 4: Physics-guided attention
        if physics_features is not None:
            refined_features = self.physics_attention(
                transformer_features, physics_features, training=training
            )
        else:
            refined_features = transformer_features

        # Stage 5: Adaptive fusion
        if physics_features is not None:
            fusion_input = ops.concatenate(
                [refined_features, physics_features], axis=-1
            )
            gate = self.fusion_gate(fusion_input)
            transformed = self.fusion_transform(refined_features)
            fused_features = gate * transformed + (1 - gate) * refined_features
        else:
            fused_features = refined_features

        # Stage 6: Output predictions
        # Pool over sequence for physics parameters
        pooled_features = ops.mean(fused_features, axis=1)
        physics_params = self.physics_param_head(pooled_features)

        # Predict trajectories
        position_preds = self.position_head(fused_features)
        velocity_preds = self.velocity_head(fused_features)

        # Reshape predictions
        position_preds = ops.reshape(position_preds, (batch_size, seq_len, 2, 2))
        velocity_preds = ops.reshape(velocity_preds, (batch_size, seq_len, 2, 2))

        return {
            "positions": position_preds,
            "velocities": velocity_preds,
            "physics_params": physics_params,
            "transformer_features": transformer_features,
            "physics_features": physics_features,
            "fused_features": fused_features,
        }


class TransformerBlock(layers.Layer):
    """Single transformer encoder block."""

    def __init__(self, d_model, num_heads, dff=None, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.num_heads = num_heads
        self.dff = dff or 4 * d_model
        self.dropout_rate = dropout

        self.attention = layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=d_model // num_heads, dropout=dropout
        )
        self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)

        self.ffn = keras.Sequential(
            [
                layers.Dense(self.dff, activation="relu"),
                layers.Dropout(dropout),
                layers.Dense(d_model),
            ]
        )

        self.dropout1 = layers.Dropout(dropout)
        self.dropout2 = layers.Dropout(dropout)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "d_model": self.d_model,
                "num_heads": self.num_heads,
                "dff": self.dff,
                "dropout": self.dropout_rate,
            }
        )
        return config

    def call(self, inputs, training=None):
        # Multi-head attention
        attn_output = self.attention(inputs, inputs, training=training)
        attn_output = self.dropout1(attn_output, training=training)
        out1 = self.layernorm1(inputs + attn_output)

        # Feed-forward network
        ffn_output = self.ffn(out1, training=training)
        ffn_output = self.dropout2(ffn_output, training=training)
        out2 = self.layernorm2(out1 + ffn_output)

        return out2


def build_model():
    model = PhysicsInformedTrajectoryTransformer(
        sequence_length=6,
        feature_dim=18,
        num_transformer_layers=1,
        num_heads=2,
        transformer_dim=16,
        use_hnn=True,
        hnn_hidden_dim=8,
        hnn_layers=1,
        use_soft_collisions=True,
        use_physics_losses=False,
    )
    rng = np.random.default_rng(0)
    inputs = rng.standard_normal((2, 6, 18)).astype(np.float32)
    inputs[:, :, 1:5] = rng.uniform(100, 700, (2, 6, 4))
    inputs[:, :, 5:9] = rng.uniform(-50, 50, (2, 6, 4))
    return model, inputs
