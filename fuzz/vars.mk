# Read by fuzz/run beside the build's own Makefile: prints one of its
# variables, so the fuzz targets link what the program links, by name.
print-%:
	@echo $($*)
