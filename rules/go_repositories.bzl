"""Go modules that rules_go and Gazelle declare as GitHub archives, declared from the Go module proxy.

For WORKSPACE users of the Gazelle extension (and machines that reach the Go module proxy but not
GitHub). Call after rules_go_api_dependencies() and before go_rules_dependencies():

    load("@rules_go_api//rules:go_repositories.bzl", "rules_go_api_go_repositories")

    rules_go_api_go_repositories()

Repositories already declared are left alone.
"""

load("@bazel_gazelle//:deps.bzl", "go_repository")
load("@bazel_tools//tools/build_defs/repo:utils.bzl", "maybe")

def rules_go_api_go_repositories():
    """Declares golang.org/x/tools, x/tools/go/vcs and x/sys as go_repository targets."""
    maybe(
        go_repository,
        name = "org_golang_x_tools_go_vcs",
        importpath = "golang.org/x/tools/go/vcs",
        sum = "h1:cOIJqWBl99H1dH5LWizPa+0ImeeJq3t3cJjaeOWUAL4=",
        version = "v0.1.0-deprecated",
    )
    maybe(
        go_repository,
        name = "org_golang_x_tools",
        # rules_go's own targets refer to x/tools by both naming conventions.
        build_naming_convention = "import_alias",
        importpath = "golang.org/x/tools",
        sum = "h1:zdAyfUGbYmuVokhzVmghFl2ZJh5QhcfebBgmVPFYA+8=",
        version = "v0.15.0",
    )
    maybe(
        go_repository,
        name = "org_golang_x_sys",
        importpath = "golang.org/x/sys",
        sum = "h1:DBdB3niSjOA/O0blCZBqDefyWNYveAYMNF1Wum0DYQ4=",
        version = "v0.18.0",
    )
