"""Dependencies of rules_go_api for WORKSPACE users.

In WORKSPACE:

    load("@rules_go_api//rules:repositories.bzl", "rules_go_api_dependencies")

    rules_go_api_dependencies()

    load("@io_bazel_rules_go//go:deps.bzl", "go_register_toolchains", "go_rules_dependencies")

    go_rules_dependencies()

    go_register_toolchains(version = "1.26.8")

Repositories the workspace already declares are left alone, so a workspace can pin its own
versions by declaring them first. Bzlmod users need none of this: see MODULE.bazel.
"""

load("@bazel_tools//tools/build_defs/repo:http.bzl", "http_archive")
load("@bazel_tools//tools/build_defs/repo:utils.bzl", "maybe")

def rules_go_api_dependencies():
    """Declares rules_go, Gazelle and bazel_skylib unless already declared.

    rules_go v0.64.1 and Gazelle v0.53.0: the tests run WORKSPACE mode on Bazel 7.7.1 with rules_go
    v0.65.0 and Gazelle v0.53.0 (docs/compat.md); v0.64.1 is the newest rules_go release whose
    archive checksum is recorded here from two sources (its release notes and the Bazel Central
    Registry), since the tests cannot download GitHub's archives.
    """
    maybe(
        http_archive,
        name = "bazel_skylib",
        sha256 = "bc283cdfcd526a52c3201279cda4bc298652efa898b10b4db0837dc51652756f",
        urls = [
            "https://mirror.bazel.build/github.com/bazelbuild/bazel-skylib/releases/download/1.7.1/bazel-skylib-1.7.1.tar.gz",
            "https://github.com/bazelbuild/bazel-skylib/releases/download/1.7.1/bazel-skylib-1.7.1.tar.gz",
        ],
    )
    maybe(
        http_archive,
        name = "io_bazel_rules_go",
        sha256 = "4306d89e9541b5ce31108c2bd34c319dbfd6589a272dcbdc04dccdd89ff009d9",
        urls = [
            "https://mirror.bazel.build/github.com/bazelbuild/rules_go/releases/download/v0.64.1/rules_go-v0.64.1.zip",
            "https://github.com/bazel-contrib/rules_go/releases/download/v0.64.1/rules_go-v0.64.1.zip",
        ],
    )
    maybe(
        http_archive,
        name = "bazel_gazelle",
        sha256 = "fec7a24acb027359eb7d2b31d116b17c81d2fab35842f6bfb2dd5945e1071346",
        urls = [
            "https://mirror.bazel.build/github.com/bazelbuild/bazel-gazelle/releases/download/v0.53.0/bazel-gazelle-v0.53.0.tar.gz",
            "https://github.com/bazel-contrib/bazel-gazelle/releases/download/v0.53.0/bazel-gazelle-v0.53.0.tar.gz",
        ],
    )
