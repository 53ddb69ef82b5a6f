"""The imperative shell's centre: the engine (composition root), detection, the gate."""
