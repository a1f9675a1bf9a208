"""The offscreen renderer: a scenario or a recording drawn frame by frame into a hidden widget of
the export size (the window's own views, driven by frames from an engine of its own, not by the
window) and written as MP4, GIF, a PNG still or a folder of PNG frames.

- :mod:`.source`: the file to render (a scenario, or a recording and its events) and its playback.
- :mod:`.timeline`: which engine tick each video frame shows; the default pace.
- :mod:`.job`: what to render, checked before anything is written (every bad input an InputError).
- :mod:`.canvas`: the hidden widget: the chosen views, the loss plot, the captions.
- :mod:`.title_card`: the opening card with the scenario's title.
- :mod:`.sinks`: MP4, GIF (ffmpeg), PNG and PNG-folder writers, through a temporary file beside the output.
- :mod:`.renderer`: the loop tying them together, with a progress callback.
- :mod:`.headless`: the offscreen platform and the OpenGL check.
- :mod:`.terminal`: ``gdsim render`` in a terminal: the progress bar, Ctrl-C.
- :mod:`.export_actions`: File > Export video… and Export image… in the window;
  :mod:`.video_export` runs the render in another process, :mod:`.image_export` saves PNG or SVG.
"""
