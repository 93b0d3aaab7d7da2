package paths

// ProcSelf is where Linux shows the current process.
const ProcSelf = "/proc/self"
