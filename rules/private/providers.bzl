"""Providers of rules_go_api."""

GoApiInfo = provider(
    doc = """The API features of one go_library in one build configuration, as computed by
go_api_aspect. Features are in the format of Go's cmd/api, one per line, sorted, without a context
suffix (featgen's output).""",
    fields = {
        "importpath": "The library's import path (string).",
        "features": """File with the library's features in this configuration, or None if the target
            has no API to check: its import path is internal (a path element is "internal"), or it
            is a test or a binary (kind).""",
        "label": "The library's label (Label).",
        "kind": "The rule kind of the target (string), e.g. \"go_library\" or \"go_test\".",
        "cgo": """Whether rules_go built the library with cgo (bool). rules_go builds without cgo
            (pure) when the configuration has no C toolchain, also on a cgo platform, where the
            features would silently be those of the pure context.""",
    },
)

GoApiToolsInfo = provider(
    doc = """featgen and apidiff as built by go_api_tools (for the exec platform) or
go_api_target_tools (for the current configuration); see tools.bzl.""",
    fields = {
        "featgen": "The featgen executable (File).",
        "apidiff": "The apidiff executable (File).",
        "goos": "The GOOS the executables are built for (string).",
        "goarch": "The GOARCH the executables are built for (string).",
    },
)
