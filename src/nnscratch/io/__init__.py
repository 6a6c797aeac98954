"""Reading and writing what users hand us: model files and images."""
