"""Emergency drills (应急演练): records with photos, and the cadence they must keep."""
