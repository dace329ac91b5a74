"""One parser per transcript format family; each turns decoded text into speaker blocks."""
