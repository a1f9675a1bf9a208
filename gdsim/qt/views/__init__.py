"""The views: the 2D landscape, the 1D curve and the loss plot."""
