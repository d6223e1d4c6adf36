"""应急演练: the drills page, the drill editor and its photo grid."""
