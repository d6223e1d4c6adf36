"""工作台: the school at a glance and the latest activity."""
