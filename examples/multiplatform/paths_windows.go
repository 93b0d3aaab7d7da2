package paths

// Separator separates path elements.
const Separator = '\\'

// VolumeName returns the drive letter part of a path, such as "C:".
func VolumeName(path string) string {
	if len(path) >= 2 && path[1] == ':' {
		return path[:2]
	}
	return ""
}
