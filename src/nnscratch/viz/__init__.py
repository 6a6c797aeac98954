"""Figures drawn with matplotlib (the "plot" extra), imported only when a plot is asked for."""
