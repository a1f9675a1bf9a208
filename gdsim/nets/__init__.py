"""Real networks trained with torch: data sets, models, torch.optim under gdsim's names, landscape slices.

Imported only when a network problem is opened (torch and scikit-learn load then, never at start-up);
:mod:`gdsim.nets.spec` alone imports neither.
"""
