"""Authors: the people stories are by, and the bylines that name them."""
