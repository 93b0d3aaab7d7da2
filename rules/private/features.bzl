"""go_api_features: the merged API features of Go libraries, as one file."""

load(":common.bzl", "GO_TOOLCHAIN")
load(":libraries.bzl", "LIBRARY_ATTRS", "features_by_context", "merge_features")

def _go_api_features_impl(ctx):
    files_by_context = {}
    for name, infos in features_by_context(ctx).items():
        files_by_context[name] = [info.features for info in infos if info.features]
    if not [f for files in files_by_context.values() for f in files]:
        fail("%s: no library with an API: all are internal packages" % ctx.label)
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    merge_features(ctx, out, files_by_context, "GoApiMerge", "Merging the API features of %s" % ctx.label)
    return [DefaultInfo(files = depset([out]))]

go_api_features = rule(
    implementation = _go_api_features_impl,
    attrs = LIBRARY_ATTRS,
    toolchains = [GO_TOOLCHAIN],
    doc = "Writes the merged API features of Go libraries to `<name>.txt`, in cmd/api's format.",
)
