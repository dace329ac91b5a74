"""The learned extractor: candidate units, hashed features, a calibrated logistic model, and its training."""
