// The events, keys and commands the app shares with its front ends, visible to every file here
// and to every module that imports LossLabUI.
@_exported import AppEvents
