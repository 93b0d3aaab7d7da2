"""Public API of rules_go_api.

    load("@rules_go_api//rules:defs.bzl", "go_api_test")

    go_api_test(
        name = "api_check",
        library = ":mylib",
        api = "api.txt",
    )

See docs/rules.md for every rule and attribute.
"""

load("//rules/private:aspect.bzl", _go_api_aspect = "go_api_aspect")
load("//rules/private:macros.bzl", _go_api_checks = "go_api_checks", _go_api_features = "go_api_features", _go_api_test = "go_api_test")
load("//rules/private:providers.bzl", _GoApiInfo = "GoApiInfo")

go_api_aspect = _go_api_aspect
go_api_checks = _go_api_checks
go_api_features = _go_api_features
go_api_test = _go_api_test
GoApiInfo = _GoApiInfo
