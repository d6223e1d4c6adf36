"""突发事件: incidents, their live reporting clocks, and the quick report form."""
