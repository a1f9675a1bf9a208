<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CurveView</name>
    <message>
        <source>known minimum</source>
        <extracomment>Trails of at most this many points mark every step with a dot. Half the tangent&apos;s width, as a fraction of the domain. The step arrow is at least this fraction of the view&apos;s width long, so its direction shows. The y range shown stays within ±this: pyqtgraph&apos;s padding of a range near the float limit overflows. The slope&apos;s note keeps this many pixels from the view&apos;s edges. What the legend and the slope note show now (drawn again in another language). Where the slope&apos;s note was last put (the ball&apos;s point), placed again when the view changes.</extracomment>
        <translation>已知极小值</translation>
    </message>
    <message>
        <source>slope %1</source>
        <translation>斜率 %1</translation>
    </message>
    <message>
        <source>slope %1: the next step goes left, to %2 = %3</source>
        <translation>斜率 %1：下一步向左走，到 %2 = %3</translation>
    </message>
    <message>
        <source>slope %1: the next step goes right, to %2 = %3</source>
        <translation>斜率 %1：下一步向右走，到 %2 = %3</translation>
    </message>
    <message>
        <source>outside the grid</source>
        <translation>在网格之外</translation>
    </message>
</context>
<context>
    <name>DataPicker</name>
    <message>
        <source>Lesson %1: %2</source>
        <extracomment>Problem kind -&gt; the generator of its data. The data-set choices besides the lessons&apos; own. The generated-data settings given editors (numbers; the spacing and range keep their defaults). The losses written out beside their names (torch&apos;s names kept): rᵢ = w·xᵢ + b − yᵢ. Each declared setting shown, with its label and editor (retranslated together).</extracomment>
        <translation>第 %1 课：%2</translation>
    </message>
    <message>
        <source>Generated data</source>
        <translation>生成的数据</translation>
    </message>
    <message>
        <source>A CSV file of your own…</source>
        <translation>自己的 CSV 文件…</translation>
    </message>
    <message>
        <source>Open a data set</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The samples: a lesson&apos;s, generated ones, or a CSV file of your own (x columns, then y)</source>
        <translation>样本：课程中的、生成的，或自己的 CSV 文件（先是 x 列，最后是 y 列）</translation>
    </message>
    <message>
        <source>Open a CSV file…</source>
        <translation>打开 CSV 文件…</translation>
    </message>
    <message>
        <source>Comma-separated: x columns, then the y column; a first row of column names is allowed</source>
        <translation>逗号分隔：先是 x 列，最后是 y 列；第一行可以是列名</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Data and the models</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <source>y (class) and P(y = 1)</source>
        <translation>y（类别）与 P(y = 1)</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>MP4 video (*.mp4);;GIF animation (*.gif)</source>
        <extracomment>The context of this module&apos;s dialogs and messages (the actions are the window&apos;s: &quot;MainWindow&quot;).</extracomment>
        <translation>MP4 视频 (*.mp4);;GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>The main view</source>
        <extracomment>What Export image can save, and how to find it in the window.</extracomment>
        <translation>主视图</translation>
    </message>
    <message>
        <source>The loss plot</source>
        <translation>损失曲线图</translation>
    </message>
    <message>
        <source>The whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Export video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <source>Rendering %1…</source>
        <translation>正在渲染 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <source>Could not export the image: %1</source>
        <translation>无法导出图片：%1</translation>
    </message>
    <message>
        <source>Image written to %1.</source>
        <translation>图片已写入 %1。</translation>
    </message>
</context>
<context>
    <name>FormulaBox</name>
    <message>
        <source>J(x, y) in plain text: numbers, x, y, pi, e, + - * / ^, brackets and sin, cos, tan, exp, log, sqrt, abs, ... The list holds the formulas used recently.</source>
        <extracomment>Milliseconds of quiet after the last keystroke before a valid formula is sent.</extracomment>
        <translation>用纯文本输入 J(x, y)：数字、x、y、pi、e、+ - * / ^、括号，以及 sin、cos、tan、exp、log、sqrt、abs 等函数。下拉列表里是最近用过的公式。</translation>
    </message>
    <message>
        <source>%1 from</source>
        <translation>%1 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>the %1 range needs from &lt; to (here %2 to %3)</source>
        <translation>%1 的范围要求起点小于终点（现在是 %2 到 %3）</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>gdsim was made from these five articles (in Chinese).</source>
        <translation>gdsim 取材于以下五篇（中文）文章。</translation>
    </message>
    <message>
        <source>Lessons showing its examples:</source>
        <translation>演示其示例的课程:</translation>
    </message>
    <message>
        <source>No lesson shows its examples yet.</source>
        <translation>还没有课程演示它的示例。</translation>
    </message>
    <message>
        <source>Article %1</source>
        <translation>文章 %1</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Source articles…</source>
        <translation>原始文章(&amp;S)…</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Source articles</source>
        <translation>原始文章</translation>
    </message>
</context>
<context>
    <name>HyperEditor</name>
    <message>
        <source>(default %1)</source>
        <extracomment>Steps across a linear slider, and per decade on a log slider. Milliseconds between the values a dragged slider sends.</extracomment>
        <translation>（默认 %1）</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <source>reached no known minimum</source>
        <extracomment>A quiet cool-grey map (white valleys, slate walls): every Okabe-Ito run colour stands out on it. Arrows are at most this fraction of the domain&apos;s diagonal long ... ... and half that for a slope of this fraction of the landscape&apos;s rise over its diagonal. Room around a landscape&apos;s domain, as a fraction of its size (a ball on the edge stays whole). A landscape keeps equal scales on its axes while its view&apos;s shape is within this factor of its domain&apos;s; a narrower or flatter view (the 2D half of a split) shows the domain stretched to fill it, not a range many times the domain&apos;s with the landscape a strip in the middle. Stacking order: trails under the swarm, the minima&apos;s outline stars over the swarm, balls on top.</extracomment>
        <translation>未到达任何已知极小值</translation>
    </message>
    <message>
        <source>basin of (%1)</source>
        <translation>(%1) 的吸引域</translation>
    </message>
    <message>
        <source>J − min J (log scale)</source>
        <extracomment>The basins a finished swarm&apos;s starts are coloured by (for the legend).</extracomment>
        <translation>J − min J（对数刻度）</translation>
    </message>
    <message>
        <source>%1: starts, by the minimum reached</source>
        <extracomment>Over a network&apos;s loss slice: each run&apos;s true loss beside the plane&apos;s, and what the plane is.</extracomment>
        <translation>%1：起点，按到达的极小值着色</translation>
    </message>
    <message>
        <source>known minimum</source>
        <translation>已知极小值</translation>
    </message>
    <message>
        <source>outside the grid</source>
        <translation>在网格之外</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>This session has no lesson text.</source>
        <translation>本会话没有课程说明。</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>The lesson&apos;s title and description</source>
        <translation>课程的标题与说明</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>Loss</source>
        <extracomment>tab title, trace column, y-axis label (English: shown translated in the context &quot;LossPlot&quot;)</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss J</source>
        <translation>损失 J</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>log y</source>
        <extracomment>What the x axis may count: the trace column of each. Tabs drawn on a log axis while &quot;log y&quot; is ticked (the loss and the gradient norm). Without a known minimum, J_low is about this fraction of |lowest J seen| below it (1e-12 below 0). Segments per cached stretch of a loss curve. Room around a stretch of curve for its pen, in pixels (at presentation scale 1). The plot&apos;s least height in presentation mode (pixels): room for its large tick labels and title. A log decade shows its 2 and 5 only when it is at least this many label heights tall (5 and 10 are 0.3 of a decade apart). What the points depend on: (restarts, log, offset); a change starts the scan afresh. Points scanned for extremes, and the extremes of the values less the offset. What is drawn: (points key, version, bin size, clip floor, colour, scale). Each tab&apos;s y-axis title in full (a short plot shows it smaller, or shortened). The runs and settings last drawn (a resize or another tab draws them again). J subtracted on the log loss axis, and why (&quot;min&quot;: known, &quot;low&quot;: below the lowest seen). Per run: (restarts, points scanned, lowest J) of its finite recorded losses.</extracomment>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>Logarithmic y axis: equal ratios look equal (losses shrink by factors).</source>
        <translation>y 轴取对数：相同的倍数看起来距离相同（损失按倍数下降）。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>迭代步数</translation>
    </message>
    <message>
        <source>gradient evaluations</source>
        <translation>梯度计算次数</translation>
    </message>
    <message>
        <source>x: steps</source>
        <translation>x：步数</translation>
    </message>
    <message>
        <source>x: gradient evaluations</source>
        <translation>x：梯度计算次数</translation>
    </message>
    <message>
        <source>What the x axis counts: updates (steps), or gradient evaluations, so that optimizers evaluating more than one gradient a step (SAM takes two, LBFGS several) race fairly.</source>
        <translation>x 轴计数的是什么：更新次数（步数），或梯度计算次数——这样每步计算多于一次梯度的优化器（SAM 两次，LBFGS 多次）也能公平比较。</translation>
    </message>
    <message>
        <source>J − J_min (log)</source>
        <translation>J − J_min（对数）</translation>
    </message>
    <message>
        <source>The loss above the problem&apos;s known minimum J_min = %1.</source>
        <translation>损失高出该问题已知最小值 J_min = %1 的部分。</translation>
    </message>
    <message>
        <source>J − J_low (log)</source>
        <translation>J − J_low（对数）</translation>
    </message>
    <message>
        <source>The loss above J_low = %1, a little below the lowest loss seen (the minimum is not known and a loss can be 0 or negative).</source>
        <translation>损失高出 J_low = %1 的部分；J_low 略低于目前见到的最低损失（最小值未知，而损失可能为 0 或负数）。</translation>
    </message>
    <message>
        <source>loss J (log)</source>
        <translation>损失 J（对数）</translation>
    </message>
    <message>
        <source>‖∇J‖ (log)</source>
        <translation>‖∇J‖（对数）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The learning-rate schedule grows the rate without bound: give it a factor (gamma) of at most 1.</source>
        <extracomment>Previews of a dragged start are asked for at most this often (milliseconds). While running, the loss plot is redrawn at most this often (seconds: every 6th frame at 60 frames per second, every frame on a machine too busy for 10), and at once when the runs pause or finish; the views and the numbers (status bar, readout, results) on every frame, so what they show agrees. While the window shows it, the engine computes batches this long (seconds) between two frames, only while the GUI thread is idle (a snapshot is acknowledged once the frame showing it is painted). The share of the window&apos;s width the panels take in presentation mode (one column of tabs; the results table drops its distance columns there to fit it). The key of the one message that reports diverged runs. What to try, by why runs diverged (see ``_divergence_cause``), in the order the message gives them.</extracomment>
        <translation>学习率调度让学习率无限增长：请把它的倍数（gamma）设为不超过 1。</translation>
    </message>
    <message>
        <source>The loss or its gradient is not finite where the run starts: move its start (or rescale the data).</source>
        <translation>在起点处损失或其梯度不是有限数：请移动起点（或重新缩放数据）。</translation>
    </message>
    <message>
        <source>Try a smaller learning rate.</source>
        <translation>请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>step %1 · %2</source>
        <extracomment>The key of the notice shown while the worker loads torch for a network. The context of the window&apos;s translated texts (menus, actions, panel titles). The status bar&apos;s text: the selected run&apos;s step and the session&apos;s state, then the pace.</extracomment>
        <translation>第 %1 步 · %2</translation>
    </message>
    <message>
        <source> · %1 steps/s</source>
        <translation> · 每秒 %1 步</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>播放中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Problem and runs</source>
        <extracomment>How many problems have been loaded (tests wait for it to grow). The file the next loaded engine belongs to (set when a file is opened or a session is new). The main views that apply to the problem loaded, by key (the layout picks among them). The picture of the problem loaded, and the views that were given it (a view built later, when a layout first shows it, is given it then). A network&apos;s loss slice, drawn by the main views that apply to it (show_slice), or None. Every registered view, by key, built when first needed; those that apply to the problem are shown. The scenario&apos;s captions over the main view (the same layer videos draw).</extracomment>
        <translation>问题与运行</translation>
    </message>
    <message>
        <source>Selected run</source>
        <translation>选中的运行</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Take one step (S or →)</source>
        <translation>走一步（S 或 →）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Put every ball back at its start (R)</source>
        <translation>把每个小球放回起点（R）</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>● Record</source>
        <translation>● 录制</translation>
    </message>
    <message>
        <source>Record the session (its commands and their pace) to save and replay</source>
        <translation>录制本次会话（各项操作及其节奏），以便保存和回放</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large fonts and thick lines, for a projector</source>
        <translation>大字体和粗线条，适合投影仪</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>Only the views, the loss plot and the captions, on the whole screen</source>
        <translation>整个屏幕只显示视图、损失曲线和字幕</translation>
    </message>
    <message>
        <source>Negative-&amp;gradient arrows</source>
        <translation>负梯度箭头(&amp;G)</translation>
    </message>
    <message>
        <source>Show −∇J at each ball (the direction of steepest descent)</source>
        <translation>在每个小球处显示 −∇J（最速下降的方向）</translation>
    </message>
    <message>
        <source>&amp;Velocity arrows</source>
        <translation>速度箭头(&amp;V)</translation>
    </message>
    <message>
        <source>Show the velocity of momentum-type optimizers</source>
        <translation>显示动量类优化器的速度</translation>
    </message>
    <message>
        <source>(no lessons found)</source>
        <translation>（未找到课程）</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Lesson: %1</source>
        <translation>课程：%1</translation>
    </message>
    <message>
        <source>Recording stopped: a new problem starts a new session.</source>
        <translation>录制已停止：新的问题会开始一个新的会话。</translation>
    </message>
    <message>
        <source>■ Stop recording</source>
        <translation>■ 停止录制</translation>
    </message>
    <message>
        <source>The engine stopped because of a bug in gdsim and could not be restarted: open a file or start anew.</source>
        <translation>由于 gdsim 的一个程序错误，引擎已停止且无法重新启动：请打开一个文件或新建会话。</translation>
    </message>
    <message>
        <source>The engine stopped because of a bug in gdsim; it was restarted on the same session, with every run back at its start.</source>
        <translation>由于 gdsim 的一个程序错误，引擎已停止；它已在同一会话上重新启动，每个运行都回到了起点。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>This scenario asks for the 3D view. %1</source>
        <translation>此场景要求使用 3D 视图。%1</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>it left the range of finite numbers</source>
        <translation>它超出了有限数的范围</translation>
    </message>
    <message>
        <source>%1 at step %2 (%3)</source>
        <translation>%1 在第 %2 步（%3）</translation>
    </message>
    <message>
        <source>%1: %2 of %3 balls (%4)</source>
        <translation>%1：%3 个小球中的 %2 个（%4）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Diverged: %1.</source>
        <translation>已发散：%1。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Export &amp;video…</source>
        <translation>导出视频(&amp;V)…</translation>
    </message>
    <message>
        <source>Render the session from its start as an MP4 or a GIF, with its captions</source>
        <translation>从头渲染本次会话为 MP4 或 GIF，包含字幕</translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation>导出图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Save the main view, the loss plot or the whole window as PNG or SVG</source>
        <translation>将主视图、损失曲线图或整个窗口保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Loss landscape &amp;slice…</source>
        <translation>损失地形切片(&amp;S)…</translation>
    </message>
    <message>
        <source>A 2D slice of a network&apos;s loss around the selected run&apos;s weights</source>
        <translation>在所选运行的权重附近，取网络损失的一个二维切片</translation>
    </message>
    <message>
        <source>The landscape from above: heatmap and contours</source>
        <extracomment>Each layout&apos;s main views, by registry key, left to right. The text of each layout&apos;s action, and its tooltip.</extracomment>
        <translation>俯视损失地形：热力图与等高线</translation>
    </message>
    <message>
        <source>The landscape as a surface the balls roll on (drag to turn it)</source>
        <translation>把损失地形画成小球在上面滚动的曲面（拖动可旋转）</translation>
    </message>
    <message>
        <source>Both, side by side: the same runs on the same clock</source>
        <translation>二者并排：同样的运行，同一个时钟</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>网络(&amp;N)</translation>
    </message>
    <message>
        <source>The network&apos;s own view: validation curves, and its decision or mistakes (2D and 3D show its loss slice)</source>
        <translation>网络自己的视图：验证曲线，以及它的决策边界或错误（2D 和 3D 视图显示它的损失切片）</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Run a learning-rate × optimizer sweep file and compare the optimizers fairly, each at its own best rate</source>
        <translation>运行一个“学习率 × 优化器”扫描文件，公平比较各优化器：每个都在自己的最佳学习率下比较</translation>
    </message>
</context>
<context>
    <name>NetworkPicker</name>
    <message>
        <source>Hidden layers</source>
        <extracomment>The catalog row (and problem kind) of a network. What a new pick of &quot;Network&quot; starts with: an MLP on the 2D moons, quick to train and to draw.</extracomment>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>The MLP&apos;s hidden layers, widths separated by commas (e.g. 64, 32).</source>
        <translation>MLP 的隐藏层：各层宽度，用逗号分隔（例如 64, 32）。</translation>
    </message>
    <message>
        <source>Choose the csv file, or mnist&apos;s folder or mnist.npz</source>
        <translation>选择 csv 文件，或 mnist 的文件夹或 mnist.npz</translation>
    </message>
    <message>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <source>Build the network (torch loads in the background the first time)</source>
        <translation>构建网络（第一次会在后台加载 torch）</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>mnist.npz (cancel to choose the folder of IDX files)</source>
        <translation>mnist.npz（取消则改为选择 IDX 文件所在的文件夹）</translation>
    </message>
    <message>
        <source>Keras mnist (*.npz)</source>
        <translation>Keras mnist (*.npz)</translation>
    </message>
    <message>
        <source>Folder with the four MNIST IDX files</source>
        <translation>存放四个 MNIST IDX 文件的文件夹</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Validation loss</source>
        <extracomment>Colours of the classes (Okabe-Ito&apos;s orange, sky blue, green, ...), distinct from nothing drawn over them. How much of a class colour the heatmap shows at probability 1 (the rest is white), so points stay visible. Misclassified examples per row of their grid.</extracomment>
        <translation>验证集损失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>Confusion (validation)</source>
        <translation>混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>Misclassified: true → predicted</source>
        <translation>分错的样本：真实 → 预测</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>At each evaluation: the validation loss (solid, dots) and the full training loss (dashed) of every run</source>
        <translation>每次评估时各个运行的验证集损失（实线加圆点）和完整训练集损失（虚线）</translation>
    </message>
    <message>
        <source>Validation samples of each true class (rows) by the class the selected run predicts (columns), at its newest evaluation</source>
        <translation>所选运行最近一次评估时，验证集样本按真实类别（行）和预测类别（列）计数</translation>
    </message>
    <message>
        <source>Validation samples the selected run gets wrong: true → predicted class</source>
        <translation>所选运行分错的验证集样本：真实类别 → 预测类别</translation>
    </message>
    <message>
        <source>Decision (selected run)</source>
        <translation>决策区域（所选运行）</translation>
    </message>
</context>
<context>
    <name>NoLandscapeView</name>
    <message>
        <source>%1 has %2 parameters: there is no landscape to draw.
Its loss and the runs&apos; progress are in the plot below.</source>
        <translation>%1 有 %2 个参数，无法画出损失曲面。
它的损失和各次运行的进展见下方的图。</translation>
    </message>
</context>
<context>
    <name>OptimizerEditor</name>
    <message>
        <source>%1 cannot be edited here: %2</source>
        <translation>%1 无法在这里编辑：%2</translation>
    </message>
    <message>
        <source>it is not listed</source>
        <translation>它不在列表中</translation>
    </message>
    <message>
        <source>Loading torch… the settings of %1 follow.</source>
        <translation>正在加载 torch…… %1 的设置随后显示。</translation>
    </message>
    <message>
        <source>%1&apos;s update rule; hover a hyperparameter to see what it does.</source>
        <translation>%1 的更新规则；把鼠标停在某个超参数上可以看到它的作用。</translation>
    </message>
</context>
<context>
    <name>OptimizerPicker</name>
    <message>
        <source>one array</source>
        <extracomment>Item data: the optimizer&apos;s name (as a scenario writes it) and the text the search looks in. The tree&apos;s columns. The popup&apos;s least width and its height, in widths and heights of the font&apos;s &quot;M&quot;. module -&gt; its entries (or the InputError saying why it cannot be listed); None until listed. module -&gt; why its classes could not be declared (the worker&apos;s failure). The layout column&apos;s words, by layout (None: a class the table does not list).</extracomment>
        <translation>一个数组</translation>
    </message>
    <message>
        <source>one tensor</source>
        <translation>一个张量</translation>
    </message>
    <message>
        <source>one tensor per ball</source>
        <translation>每个小球一个张量</translation>
    </message>
    <message>
        <source>one optimizer per ball</source>
        <translation>每个小球一个优化器</translation>
    </message>
    <message>
        <source>probed on first use</source>
        <translation>首次使用时探测</translation>
    </message>
    <message>
        <source>gdsim&apos;s NumPy optimizer: every ball in one array, with torch.optim&apos;s exact rule.</source>
        <extracomment>What each layout means for a run, in the help.</extracomment>
        <translation>gdsim 的 NumPy 优化器：所有小球放在一个数组里，更新规则与 torch.optim 完全一致。</translation>
    </message>
    <message>
        <source>Every ball in one tensor: it acts element by element, so a whole swarm steps at once.</source>
        <translation>所有小球放在一个张量里：它逐元素更新，所以整群小球一次完成一步。</translation>
    </message>
    <message>
        <source>One tensor per ball: its statistics are per tensor.</source>
        <translation>每个小球一个张量：它的统计量按张量计算。</translation>
    </message>
    <message>
        <source>One optimizer per ball: it couples all its parameters.</source>
        <translation>每个小球一个优化器：它把所有参数耦合在一起。</translation>
    </message>
    <message>
        <source>Its layout is probed when a run first uses it.</source>
        <translation>它的布局在某次运行首次使用时探测。</translation>
    </message>
    <message>
        <source>closure</source>
        <extracomment>The needs column&apos;s words and their sentences in the help (%1: the most balls).</extracomment>
        <translation>闭包</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>Hessian</translation>
    </message>
    <message>
        <source>at most %1 balls</source>
        <translation>最多 %1 个小球</translation>
    </message>
    <message>
        <source>cannot run</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <source>Its step recomputes the loss and gradient (a closure): more than one gradient evaluation a step.</source>
        <translation>它的每一步都会重新计算损失和梯度（闭包）：每步不止一次梯度计算。</translation>
    </message>
    <message>
        <source>It needs Hessian-vector products (autograd through the landscape).</source>
        <translation>它需要 Hessian 向量积（对损失地形做自动求导）。</translation>
    </message>
    <message>
        <source>A run of it has at most %1 balls (its layout steps them one by one).</source>
        <translation>它的一次运行最多 %1 个小球（它的布局逐个更新小球）。</translation>
    </message>
    <message>
        <source>gdsim cannot run it: it %1.</source>
        <translation>gdsim 无法运行它：%1。</translation>
    </message>
    <message>
        <source>gdsim (NumPy)</source>
        <extracomment>The groups&apos; titles (the modules keep their own names).</extracomment>
        <translation>gdsim（NumPy）</translation>
    </message>
    <message>
        <source>The optimizer: click, or press Space, to search every optimizer (gdsim&apos;s, torch.optim&apos;s, pytorch-optimizer&apos;s) with its layout, needs and help.</source>
        <translation>优化器：点击或按空格键，搜索所有优化器（gdsim、torch.optim、pytorch-optimizer），并查看其布局、需求和说明。</translation>
    </message>
</context>
<context>
    <name>PickerPopup</name>
    <message>
        <source>Search: a name, a layout, closure, Hessian…</source>
        <extracomment>The lines saying a group is loading or cannot be listed (spanning the row).</extracomment>
        <translation>搜索：名称、布局、闭包、Hessian…</translation>
    </message>
    <message>
        <source>Type to filter (every word must match); ↑ ↓ to move, Enter to pick, Esc to close.</source>
        <translation>输入以筛选（每个词都须匹配）；↑ ↓ 移动，Enter 选择，Esc 关闭。</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Loading torch and pytorch-optimizer… (the first time takes a few seconds)</source>
        <translation>正在加载 torch 和 pytorch-optimizer……（第一次需要几秒钟）</translation>
    </message>
    <message>
        <source>No optimizer matches</source>
        <translation>没有匹配的优化器</translation>
    </message>
</context>
<context>
    <name>ProblemPanel</name>
    <message>
        <source>1D curves</source>
        <extracomment>The context of this panel&apos;s translated texts.</extracomment>
        <translation>一维曲线</translation>
    </message>
    <message>
        <source>2D surfaces</source>
        <translation>二维曲面</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <extracomment>The catalog row that opens the formula box. The catalog rows of the data problems (their kinds), with their titles and what they fit.</extracomment>
        <translation>线性回归</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>%1: %2, on a data set of the lessons, generated data or a CSV file of your own</source>
        <translation>%1：%2，使用课程中的数据集、生成的数据或自己的 CSV 文件</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神经网络</translation>
    </message>
    <message>
        <source>A real network trained with torch: data set, model, loss</source>
        <translation>用 torch 训练的真实神经网络：数据集、模型、损失</translation>
    </message>
    <message>
        <source>Your own</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Custom formula…</source>
        <translation>自定义公式…</translation>
    </message>
    <message>
        <source>Type J(x) or J(x, y) yourself.</source>
        <translation>自己输入 J(x) 或 J(x, y)。</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation>（估计值）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The loss surface the balls roll on, or a data problem</source>
        <translation>小球滚动的损失曲面，或一个数据问题</translation>
    </message>
    <message>
        <source>An option of %1; the surface is rebuilt when it changes.</source>
        <translation>%1 的选项；修改后曲面会重新生成。</translation>
    </message>
    <message>
        <source>%1
%2 weights · J = %3</source>
        <translation>%1
%2 个权重 · J = %3</translation>
    </message>
    <message>
        <source>%1; parameters %2</source>
        <translation>%1；参数 %2</translation>
    </message>
    <message>
        <source>Known minima:</source>
        <translation>已知最小值:</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <source>a batch of %1</source>
        <extracomment>Qt&apos;s translation function; lupdate finds the texts of its calls.</extracomment>
        <translation>批量 %1</translation>
    </message>
    <message>
        <source>noise σ = %1</source>
        <translation>噪声 σ = %1</translation>
    </message>
    <message>
        <source>clipped to length %1</source>
        <translation>裁剪到长度 %1</translation>
    </message>
    <message>
        <source>%1 weights · %2</source>
        <extracomment>The copy action&apos;s name: Qt&apos;s own (context, text), translated by Qt&apos;s catalogue (qtbase_*.qm), not gdsim&apos;s. Every digit mapped to 0, for measuring a line&apos;s shape. Characters a line may shrink by before the widget asks for less room.</extracomment>
        <translation>%1 个权重 · %2</translation>
    </message>
    <message>
        <source>batch loss = %1</source>
        <translation>批量损失 = %1</translation>
    </message>
    <message>
        <source>at update %1:</source>
        <translation>第 %1 次更新时：</translation>
    </message>
    <message>
        <source>training loss   = %1</source>
        <translation>训练集损失 = %1</translation>
    </message>
    <message>
        <source>validation loss = %1</source>
        <translation>验证集损失 = %1</translation>
    </message>
    <message>
        <source>validation accuracy = %1%</source>
        <translation>验证集准确率 = %1%</translation>
    </message>
    <message>
        <source>No run selected.</source>
        <translation>没有选中的运行。</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 balls</source>
        <translation>%1 个小球</translation>
    </message>
    <message>
        <source>best J = %1</source>
        <translation>最佳 J = %1</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>停止原因：%1</translation>
    </message>
    <message>
        <source>g used = %1   (%2)</source>
        <translation>实际使用的 g = %1   （%2）</translation>
    </message>
    <message>
        <source>(coordinates are updated one at a time)</source>
        <translation>（各坐标逐个更新）</translation>
    </message>
    <message>
        <source>next step:</source>
        <translation>下一步：</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <source>gdsim recording (*.gdsim.json)</source>
        <extracomment>The recording so far is written to the recovery file this often while recording (milliseconds). The file the recording in progress is kept in, in the data folder. Overrides the data folder (tests, portable installs).</extracomment>
        <translation>gdsim 录制 (*.gdsim.json)</translation>
    </message>
    <message>
        <source>Could not take the recording.</source>
        <extracomment>A recording taken at the last stop and not saved yet (with its pace).</extracomment>
        <translation>无法取得录制内容。</translation>
    </message>
    <message>
        <source>Recording stopped: another session was loaded. The recording so far is in %1.</source>
        <translation>录制已停止：已载入另一个会话。到目前为止的录制保存在 %1。</translation>
    </message>
    <message>
        <source>● REC %1</source>
        <translation>● 录制中 %1</translation>
    </message>
    <message>
        <source>Recording: press Record again (Ctrl+R) to stop and save it</source>
        <translation>正在录制：再次按“录制”（Ctrl+R）即可停止并保存</translation>
    </message>
    <message>
        <source>Save the recording</source>
        <translation>保存录制</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved the recording %1</source>
        <translation>已保存录制 %1</translation>
    </message>
    <message>
        <source>Unsaved recording</source>
        <translation>录制未保存</translation>
    </message>
    <message>
        <source>The recording is not saved. Save it first?</source>
        <translation>录制尚未保存。要先保存吗？</translation>
    </message>
    <message>
        <source>Could not keep the recording in %1: %2</source>
        <translation>无法将录制保留在 %1：%2</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Recover the recording?</source>
        <translation>恢复录制？</translation>
    </message>
    <message>
        <source>gdsim stopped while a session was being recorded (last kept %1). Recover the recording?</source>
        <translation>gdsim 在录制会话时停止了（最后保留于 %1）。要恢复这段录制吗？</translation>
    </message>
    <message>
        <source>Could not move %1 aside: %2</source>
        <translation>无法将 %1 移到一旁：%2</translation>
    </message>
    <message>
        <source>Recovered the recording (kept as %1). Save it to keep it.</source>
        <translation>已恢复录制（保留为 %1）。请保存它以便留存。</translation>
    </message>
    <message>
        <source>The recording left from the last session could not be read (%1) nor moved aside (%2).</source>
        <translation>上次会话留下的录制既无法读取（%1），也无法移到一旁（%2）。</translation>
    </message>
    <message>
        <source>The recording left from the last session could not be read: %1. It was set aside as %2.</source>
        <translation>上次会话留下的录制无法读取：%1。它已被另存为 %2。</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>Replay left at tick %1: you are now in a new session.</source>
        <extracomment>How often the pace is followed while playing (milliseconds). The key of the message that says the replay was left. The tick the views show (or, after a seek, the tick of the engine on its way).</extracomment>
        <translation>已在第 %1 步离开回放：现在处于一个新的会话中。</translation>
    </message>
    <message>
        <source>The recording goes on to tick %1 in its file; this session is untitled.</source>
        <translation>文件中的录制一直持续到第 %1 步；本会话未命名。</translation>
    </message>
    <message>
        <source>Could not go to that step of the recording:</source>
        <translation>无法跳转到录制中的这一步：</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>Run</source>
        <extracomment>Qt&apos;s translation function; lupdate finds the texts of its calls. Significant digits of the numbers in the table (the readout shows more). The columns presentation mode leaves out, so the table fits a narrow column beside the views (the distance to the nearest known minimum and the step it was reached, shown again after). Headers of two words take two lines, so the columns are as narrow as their numbers.</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Final
loss</source>
        <translation>最终
损失</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Reached
at</source>
        <translation>到达
步数</translation>
    </message>
    <message>
        <source>The run&apos;s name and colour.</source>
        <translation>运行的名称和颜色。</translation>
    </message>
    <message>
        <source>running (paused while the session is paused), converged (a stop rule), diverged, max steps (all steps taken) or stopped.</source>
        <translation>运行中（会话暂停时显示为已暂停）、已收敛（满足停止条件）、已发散、达到最大步数（所有步数都已走完）或已停止。</translation>
    </message>
    <message>
        <source>Steps taken.</source>
        <translation>已走的步数。</translation>
    </message>
    <message>
        <source>The loss where the run ended (the current loss, in italics, while it runs).</source>
        <translation>运行结束处的损失（运行中时以斜体显示当前损失）。</translation>
    </message>
    <message>
        <source>Distance from the ball to the nearest known minimum.</source>
        <translation>小球到最近的已知极小值点的距离。</translation>
    </message>
    <message>
        <source>The step at which the ball first came within the tolerance of a known minimum (— if never).</source>
        <translation>小球第一次进入某个已知极小值容差范围时的步数（从未进入则为 —）。</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1/%2, first %3</source>
        <translation>%1/%2，最早第 %3 步</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>最佳 %1</translation>
    </message>
    <message>
        <source>not started</source>
        <extracomment>The texts set longer than their cells&apos; were, by column: measured once the rows are set. What each row shows, as plain data: (label, colour, final, status tip, cell texts).</extracomment>
        <translation>未开始</translation>
    </message>
</context>
<context>
    <name>RunEditor</name>
    <message>
        <source>Learning-rate schedule</source>
        <extracomment>The sections&apos; titles.</extracomment>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Mini-batches</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>Stop and record</source>
        <translation>停止与记录</translation>
    </message>
    <message>
        <source>The run&apos;s name, shown in the legend and the results.</source>
        <translation>运行的名称，显示在图例和结果表中。</translation>
    </message>
    <message>
        <source>The run&apos;s colour: click to choose another.</source>
        <translation>运行的颜色：点击可换一种颜色。</translation>
    </message>
    <message>
        <source>Only data problems (regression, classification) have batches.</source>
        <translation>只有数据问题（回归、分类）才有小批量。</translation>
    </message>
    <message>
        <source>Colour of the run</source>
        <translation>运行的颜色</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>default start</source>
        <extracomment>Qt&apos;s translation function; lupdate finds the texts of its calls.</extracomment>
        <translation>默认起点</translation>
    </message>
    <message>
        <source>swarm %1</source>
        <translation>小球群 %1</translation>
    </message>
    <message>
        <source>start %1</source>
        <translation>起点 %1</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1（已隐藏）</translation>
    </message>
    <message>
        <source>Tick to show a run; double-click (or F2) to rename it; Delete removes it.</source>
        <translation>勾选以显示运行；双击（或按 F2）重命名；按 Delete 删除。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a run with the default settings and the next colour.</source>
        <translation>用默认设置和下一种颜色添加一次运行。</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Add a copy of the selected run.</source>
        <translation>添加所选运行的副本。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected run.</source>
        <translation>删除所选运行。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation>%1 副本</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <source>constant</source>
        <extracomment>The schedules&apos; names on screen (torch.optim.lr_scheduler&apos;s names, as words); others show their name.</extracomment>
        <translation>常数 (constant)</translation>
    </message>
    <message>
        <source>step lr</source>
        <translation>阶梯衰减 (step_lr)</translation>
    </message>
    <message>
        <source>exponential lr</source>
        <translation>指数衰减 (exponential_lr)</translation>
    </message>
    <message>
        <source>cosine annealing lr</source>
        <translation>余弦退火 (cosine_annealing_lr)</translation>
    </message>
    <message>
        <source>inverse time</source>
        <translation>反时衰减 (inverse_time)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Learning-rate schedule (torch.optim.lr_scheduler semantics): it scales the base lr step by step; changing lr live rescales the whole schedule.</source>
        <translation>学习率调度（与 torch.optim.lr_scheduler 的含义相同）：逐步缩放基础学习率 lr；运行中修改 lr 会按比例缩放整个调度。</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>gdsim scenarios and recordings (*.json);;All files (*)</source>
        <extracomment>The context of this module&apos;s translated texts.</extracomment>
        <translation>gdsim 场景和录制 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>gdsim scenario (*.json)</source>
        <translation>gdsim 场景 (*.json)</translation>
    </message>
    <message>
        <source>gdsim recording (*.gdsim.json)</source>
        <translation>gdsim 录制 (*.gdsim.json)</translation>
    </message>
    <message>
        <source>Could not open %1. %2</source>
        <extracomment>Save As&apos;s file types; the one chosen decides what is written. What went wrong with a file, by action (&quot;open&quot;, &quot;save&quot;): bad input, the system&apos;s reason, a bug.</extracomment>
        <translation>无法打开 %1。%2</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Could not open %1 because of a bug in gdsim:</source>
        <translation>由于 gdsim 的一个程序错误，无法打开 %1：</translation>
    </message>
    <message>
        <source>Could not save %1. %2</source>
        <translation>无法保存 %1。%2</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Could not save %1 because of a bug in gdsim:</source>
        <translation>由于 gdsim 的一个程序错误，无法保存 %1：</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <extracomment>The open request whose answer is awaited; a newer request supersedes it.</extracomment>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The session has changes that are not saved. Save them first?</source>
        <translation>会话中有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <source>Open a scenario or a recording</source>
        <translation>打开场景或录制</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Saved the recording %1</source>
        <translation>已保存录制 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save %1: another save is still being written.</source>
        <translation>无法保存 %1：另一次保存仍在写入中。</translation>
    </message>
</context>
<context>
    <name>SliceDialog</name>
    <message>
        <source>Filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>Principal directions of the path</source>
        <translation>路径的主成分方向</translation>
    </message>
    <message>
        <source>update   true J     plane J</source>
        <extracomment>Points of the path listed with their true and plane losses (the first, the last and some between).</extracomment>
        <translation>更新次数  真实 J     平面 J</translation>
    </message>
    <message>
        <source>Loss landscape slice</source>
        <extracomment>The slice drawn (a SliceLandscape), or None.</extracomment>
        <translation>损失地形切片</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>row %v of %m</source>
        <translation>第 %v 行，共 %m 行</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Points per side</source>
        <translation>每边点数</translation>
    </message>
    <message>
        <source>Select a run first.</source>
        <translation>请先选择一个运行。</translation>
    </message>
    <message>
        <source>Computing in the background…</source>
        <translation>正在后台计算…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%1. The main view draws it: each ball is a run&apos;s weights projected on the plane, its line the path since the start (straight between evaluations before the slice).</source>
        <translation>%1。主视图绘制它：每个小球是一次运行的权重在该平面上的投影，线是从起点以来的路径（切片之前的部分在两次评估之间用直线连接）。</translation>
    </message>
</context>
<context>
    <name>SliceNote</name>
    <message>
        <source>%1: true J %2 · plane J %3</source>
        <translation>%1：真实 J %2 · 平面 J %3</translation>
    </message>
    <message>
        <source>a, b: the path&apos;s principal directions (%1% + %2% of its variance); the plane is approximate.</source>
        <translation>a, b：路径的主方向（占其方差的 %1% + %2%）；该平面只是近似。</translation>
    </message>
    <message>
        <source>a, b: filter-normalised random directions; the plane is approximate.</source>
        <translation>a, b：按滤波器归一化的随机方向；该平面只是近似。</translation>
    </message>
</context>
<context>
    <name>SpeedSlider</name>
    <message>
        <source>flat out</source>
        <extracomment>Slider positions per factor of ten, and the highest paced speed&apos;s exponent (10^4 steps/s). The window&apos;s own speed, for a session whose scenario sets no pace (None: flat out).</extracomment>
        <translation>全速</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Simulation speed, from 1 step per second to as fast as the engine goes.</source>
        <translation>模拟速度：从每秒 1 步到引擎的最快速度。</translation>
    </message>
</context>
<context>
    <name>StartEditor</name>
    <message>
        <source>Point</source>
        <extracomment>The label of the row of fields, by mode.</extracomment>
        <translation>单点</translation>
    </message>
    <message>
        <source>Swarm on a grid</source>
        <translation>网格上的小球群</translation>
    </message>
    <message>
        <source>Swarm at random</source>
        <translation>随机的小球群</translation>
    </message>
    <message>
        <source>Per axis</source>
        <translation>每个轴</translation>
    </message>
    <message>
        <source>Balls</source>
        <translation>小球数</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>Swarm sizes offered when a person switches to a swarm.</extracomment>
        <translation>起点</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <source>linear J</source>
        <extracomment>A ball&apos;s radius in scene units (the box is 2 wide), and the selected ball&apos;s. Trails and contours float this far above the surface (scene units), so it never hides them. A minimum&apos;s pin is this tall (scene units). Swarm balls are points this many pixels wide. The vertical exaggeration&apos;s range. Arrow colours (as the 2D view&apos;s; velocity is not dashed here, so a brighter violet). The legend&apos;s mark for a known minimum (a pin, drawn in black). A press this near (pixels) the selected run&apos;s ball or start picks the start up (else it orbits). The dashes of a dragged start&apos;s path, and the gaps between them (scene units). Where the ball&apos;s centre is drawn (scene units), None when it is not; its radius and colour. Where its trail begins on the surface (scene units): its start, None when not drawn. How many points the trail has, and what they were mapped for (restarts, stride, scene version).</extracomment>
        <translation>线性 J</translation>
    </message>
    <message>
        <source>log J</source>
        <translation>对数 J</translation>
    </message>
    <message>
        <source>Height: log10(J − min J) shows a valley spanning many orders of magnitude (Rosenbrock); linear shows J itself</source>
        <translation>高度：log10(J − min J) 能显示跨越许多数量级的山谷（如 Rosenbrock）；线性则直接显示 J</translation>
    </message>
    <message>
        <source>Height ×: the vertical exaggeration, to stretch or flatten the surface</source>
        <translation>高度 ×：竖直方向的夸张倍数，用来拉高或压平曲面</translation>
    </message>
    <message>
        <source>follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the camera on the selected run&apos;s ball</source>
        <translation>让镜头跟随所选运行的小球</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <source>Back to the starting camera (drag: turn · Ctrl or middle drag: pan · wheel: zoom)</source>
        <translation>回到初始视角（拖动：旋转 · Ctrl 或中键拖动：平移 · 滚轮：缩放）</translation>
    </message>
    <message>
        <source>Drag the selected ball, or where its trail begins, to move its start</source>
        <translation>拖动选中的小球或其轨迹的起点，即可移动它的起点</translation>
    </message>
    <message>
        <source>The 3D view could not start OpenGL: %1.</source>
        <translation>3D 视图无法启动 OpenGL：%1。</translation>
    </message>
</context>
<context>
    <name>SweepMenu</name>
    <message>
        <source>gdsim sweeps (*.json);;All files (*)</source>
        <extracomment>The context of this module&apos;s dialogs and menu (the File menu&apos;s action is the window&apos;s: &quot;MainWindow&quot;).</extracomment>
        <translation>gdsim 扫描文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sweeps: the articles&apos; comparisons, measured</source>
        <translation>扫描：文章中的对比，实测</translation>
    </message>
    <message>
        <source>(no sweep lessons found)</source>
        <translation>（未找到扫描课程）</translation>
    </message>
    <message>
        <source>Open a sweep</source>
        <translation>打开扫描文件</translation>
    </message>
</context>
<context>
    <name>SweepTable</name>
    <message>
        <source>final loss</source>
        <extracomment>The context of this module&apos;s translated texts. Significant digits of the table&apos;s numbers. The table shows this many optimizers without scrolling, taking at most this share of its window&apos;s height. What a sweep can rank its rates by, as a person reads it.</extracomment>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>best loss</source>
        <translation>最低损失</translation>
    </message>
    <message>
        <source>steps to the threshold</source>
        <translation>达到阈值的步数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <extracomment>The comparison table&apos;s columns, in the articles&apos; spirit.</extracomment>
        <translation>优化器</translation>
    </message>
    <message>
        <source>The optimizer, as the sweep file labels it</source>
        <translation>优化器，名称取自扫描文件</translation>
    </message>
    <message>
        <source>Best rate</source>
        <translation>最佳学习率</translation>
    </message>
    <message>
        <source>The learning rate with the best median over the seeds (★ in the heatmap): every optimizer is compared at its own best rate</source>
        <translation>各随机种子中位数最好的学习率（热图中的 ★）：每个优化器都在自己的最佳学习率下比较</translation>
    </message>
    <message>
        <source>Median
%1</source>
        <translation>中位数
%1</translation>
    </message>
    <message>
        <source>The median over the seeds of the outcome the rates are ranked by, at the best rate</source>
        <translation>在最佳学习率下，用于排序的指标在各随机种子上的中位数</translation>
    </message>
    <message>
        <source>Final loss
(median)</source>
        <translation>最终损失
（中位数）</translation>
    </message>
    <message>
        <source>The loss after the last step at the best rate, the median over the seeds</source>
        <translation>最佳学习率下最后一步之后的损失，取各随机种子的中位数</translation>
    </message>
    <message>
        <source>Final loss over the seeds
(lowest – highest)</source>
        <translation>各种子的最终损失
（最低 – 最高）</translation>
    </message>
    <message>
        <source>The articles&apos; “stable” or “noisy”, measured: how far apart the seeds end at the best rate (∞: a seed diverged)</source>
        <translation>文章所说的“稳定”或“波动大”，实测：最佳学习率下各随机种子的结果相差多远（∞：有种子发散）</translation>
    </message>
    <message>
        <source>Steps to
%1</source>
        <translation>达到
%1 的步数</translation>
    </message>
    <message>
        <source>The articles&apos; “converges fast” or “slowly”, measured: the median number of steps until the loss first reached the threshold, at the best rate</source>
        <translation>文章所说的“收敛快”或“收敛慢”，实测：最佳学习率下损失首次达到阈值所需步数的中位数</translation>
    </message>
    <message>
        <source>Rates that
converge</source>
        <translation>能收敛的
学习率</translation>
    </message>
    <message>
        <source>The articles&apos; “needs careful tuning”, measured: the learning rates at which every seed stays finite and reaches the threshold (the wider, the easier to tune)</source>
        <translation>文章所说的“需要仔细调参”，实测：所有随机种子都保持有限并达到阈值的学习率范围（越宽越容易调）</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>The share of all this optimizer&apos;s runs (every rate and seed) that diverged</source>
        <translation>该优化器全部运行（所有学习率和种子）中发散的比例</translation>
    </message>
    <message>
        <source>Time
per run</source>
        <translation>每次运行
耗时</translation>
    </message>
    <message>
        <source>The articles&apos; “heavy computation”, measured: the median time of one run on this computer</source>
        <translation>文章所说的“计算量大”，实测：在这台计算机上一次运行耗时的中位数</translation>
    </message>
    <message>
        <source>Validation
accuracy</source>
        <translation>验证集
准确率</translation>
    </message>
    <message>
        <source>A network&apos;s accuracy on held-out data at the end, the median over the seeds at the best rate</source>
        <translation>神经网络结束时在留出数据上的准确率，取最佳学习率下各随机种子的中位数</translation>
    </message>
    <message>
        <source>loss ≤ %1</source>
        <translation>损失 ≤ %1</translation>
    </message>
    <message>
        <source>none of %1</source>
        <translation>%1 中没有</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%3 中的 %2）</translation>
    </message>
</context>
<context>
    <name>SweepWindow</name>
    <message>
        <source>Sweep: %1</source>
        <extracomment>The worker hands over a tally at most this often (seconds), and once at the end. Set to stop the worker after the group of cells it is running (Cancel, closing, quitting).</extracomment>
        <translation>扫描：%1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Export heatmap…</source>
        <translation>导出热力图…</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 optimizers × %2 learning rates × %3 seeds = %4 runs of %5 steps each. Click a cell to open its run in the main window.</source>
        <translation>%1 个优化器 × %2 个学习率 × %3 个随机种子 = %4 次运行，每次 %5 步。点击一个格子可在主窗口中打开该运行。</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Write one row per run and, beside it (NAME.summary.csv), the comparison table, as `gdsim sweep` does</source>
        <translation>与 `gdsim sweep` 相同：每次运行写一行，并在旁边（NAME.summary.csv）写出对比表</translation>
    </message>
    <message>
        <source>Save the heatmap and its key as PNG or SVG</source>
        <translation>将热图及其图例保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Each optimizer at its own best rate (ranked by the outcome chosen above); hover over a column&apos;s title for what it measures.</source>
        <translation>每个优化器都取自己的最佳学习率（按上面所选指标排序）；把鼠标停在列标题上可查看它测量的是什么。</translation>
    </message>
    <message>
        <source>The sweep stopped because of a bug in gdsim; the runs finished so far are kept.</source>
        <translation>扫描因 gdsim 的一个错误而停止；已完成的运行都已保留。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 of %2 runs</source>
        <translation>%1 / %2 次运行</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>stopping after the runs under way…</source>
        <translation>正在进行的运行结束后停止…</translation>
    </message>
    <message>
        <source>cancelled: the runs finished are shown</source>
        <translation>已取消：显示已完成的运行</translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>linear scale</source>
        <translation>线性刻度</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>median %1 over the seeds (%2; dark = best) · ★ best rate · hatched: a seed diverged · grey: no finite median</source>
        <translation>各随机种子的 %1 中位数（%2；越深越好）· ★ 最佳学习率 · 斜线：有种子发散 · 灰色：没有有限的中位数</translation>
    </message>
    <message>
        <source>%1 at learning rate %2</source>
        <translation>学习率 %2 下的 %1</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>median %1: %2; a seed diverged</source>
        <translation>%1 中位数：%2；有种子发散</translation>
    </message>
    <message>
        <source>median %1: %2</source>
        <translation>%1 中位数：%2</translation>
    </message>
    <message>
        <source>Click to open this run (seed %1) in the main window.</source>
        <translation>点击在主窗口中打开这次运行（种子 %1）。</translation>
    </message>
    <message>
        <source>Export the sweep&apos;s results</source>
        <translation>导出扫描结果</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>wrote %1 and %2</source>
        <translation>已写入 %1 和 %2</translation>
    </message>
    <message>
        <source>Export the heatmap</source>
        <translation>导出热力图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>max</source>
        <extracomment>The replay paces offered: times the recorded pace, None for as fast as the engine goes.</extracomment>
        <translation>最快</translation>
    </message>
    <message>
        <source>Replay</source>
        <extracomment>Colours of the marks: engine events (they change the trajectories) and transport presses.</extracomment>
        <translation>回放</translation>
    </message>
    <message>
        <source>One step of the recording</source>
        <translation>录制中的一步</translation>
    </message>
    <message>
        <source>The replay&apos;s pace: the recorded pace, twice, four times, or as fast as it goes</source>
        <translation>回放的节奏：录制时的节奏、两倍、四倍，或尽可能快</translation>
    </message>
    <message>
        <source>Drag to any step of the recording; marks show when a setting changed</source>
        <translation>拖动到录制中的任意一步；标记表示设置发生变化的时刻</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>Pause the replay</source>
        <translation>暂停回放</translation>
    </message>
    <message>
        <source>Play the recording at its recorded pace, or pause it</source>
        <translation>按录制时的节奏播放录制，或暂停</translation>
    </message>
</context>
<context>
    <name>VideoExport</name>
    <message>
        <source>Could not start the renderer (%1).</source>
        <extracomment>How the child process starts gdsim&apos;s command line (the same gdsim as the window&apos;s).</extracomment>
        <translation>无法启动渲染程序（%1）。</translation>
    </message>
    <message>
        <source>Export cancelled; nothing written.</source>
        <translation>导出已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>Video written to %1.</source>
        <translation>视频已写入 %1。</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>退出状态 %1</translation>
    </message>
    <message>
        <source>Could not export the video: %1</source>
        <translation>无法导出视频：%1</translation>
    </message>
</context>
<context>
    <name>_Message</name>
    <message>
        <source>Details</source>
        <extracomment>Background and border colours per kind of message. At most this many messages are shown; older ones give way. Lines of details shown at most before the details scroll.</extracomment>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show what went wrong, for a bug report</source>
        <translation>显示出错的详细信息，用于报告程序错误</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>simultaneous</source>
        <translation>同时</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>逐个</translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>replacement</source>
        <translation>有放回</translation>
    </message>
    <message>
        <source>without replacement</source>
        <translation>无放回</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>mnist</source>
        <translation>MNIST 手写数字</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>spirals</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>xor</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>blobs</source>
        <translation>高斯簇</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>csv</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性回归</translation>
    </message>
    <message>
        <source>logistic</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>mlp</source>
        <translation>多层感知机</translation>
    </message>
    <message>
        <source>cnn</source>
        <translation>卷积网络</translation>
    </message>
    <message>
        <source>cross entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>mse</source>
        <translation>均方误差</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>must be a number, not %1</source>
        <extracomment>The translation context of the messages. code -&gt; template; %1, %2, ... are filled by :func:`_values` (the code&apos;s params, in that order).</extracomment>
        <translation>必须是数字，而不是 %1</translation>
    </message>
    <message>
        <source>must be a number or empty, not %1</source>
        <translation>必须是数字或留空，而不是 %1</translation>
    </message>
    <message>
        <source>must be a finite number, not %1</source>
        <translation>必须是有限的数，而不是 %1</translation>
    </message>
    <message>
        <source>must be at least %1, not %2</source>
        <translation>不能小于 %1，现在是 %2</translation>
    </message>
    <message>
        <source>must be greater than %1, not %2</source>
        <translation>必须大于 %1，现在是 %2</translation>
    </message>
    <message>
        <source>must be at most %1, not %2</source>
        <translation>不能大于 %1，现在是 %2</translation>
    </message>
    <message>
        <source>must be below %1, not %2</source>
        <translation>必须小于 %1，现在是 %2</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2, not %3</source>
        <translation>必须是 %1 到 %2 之间的整数，而不是 %3</translation>
    </message>
    <message>
        <source>must be a whole number of at least %1, not %2</source>
        <translation>必须是不小于 %1 的整数，而不是 %2</translation>
    </message>
    <message>
        <source>must be a whole number of at most %1, not %2</source>
        <translation>必须是不大于 %1 的整数，而不是 %2</translation>
    </message>
    <message>
        <source>must be a whole number, not %1</source>
        <translation>必须是整数，而不是 %1</translation>
    </message>
    <message>
        <source>must be true or false, not %1</source>
        <translation>必须是 true 或 false，而不是 %1</translation>
    </message>
    <message>
        <source>must be %1 numbers such as %2</source>
        <translation>必须是 %1 个数，例如 %2</translation>
    </message>
    <message>
        <source>must be text, not %1</source>
        <translation>必须是文本，而不是 %1</translation>
    </message>
    <message>
        <source>must be a colour such as %1, not %2</source>
        <translation>必须是颜色，例如 %1，而不是 %2</translation>
    </message>
    <message>
        <source>must be an object, not %1</source>
        <translation>必须是对象，而不是 %1</translation>
    </message>
    <message>
        <source>must be a list, not %1</source>
        <translation>必须是列表，而不是 %1</translation>
    </message>
    <message>
        <source>must be null, not %1</source>
        <translation>必须是 null，而不是 %1</translation>
    </message>
    <message>
        <source>must be one of %1, not %2</source>
        <translation>必须是 %1 之一，而不是 %2</translation>
    </message>
    <message>
        <source>unknown key %1; allowed: %2</source>
        <translation>未知的键 %1；允许的键：%2</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>Nesterov momentum needs momentum &gt; 0 and dampening 0</source>
        <translation>Nesterov 动量要求 momentum &gt; 0 且 dampening 为 0</translation>
    </message>
    <message>
        <source>the low end %1 must be below the high end %2</source>
        <translation>下界 %1 必须小于上界 %2</translation>
    </message>
    <message>
        <source>the start must be a point of %1 numbers (%2)</source>
        <translation>起点必须是由 %1 个数组成的点（%2）</translation>
    </message>
    <message>
        <source>a swarm start is {&quot;grid&quot;: [nx, ny]} or {&quot;random&quot;: N}</source>
        <translation>小球群的起点写作 {&quot;grid&quot;: [nx, ny]} 或 {&quot;random&quot;: N}</translation>
    </message>
    <message>
        <source>a grid needs %1 counts, one per parameter</source>
        <translation>网格需要 %1 个数量，每个参数一个</translation>
    </message>
    <message>
        <source>a swarm of %1 balls is more than the %2 allowed</source>
        <translation>%1 个小球的小球群超过了允许的 %2 个</translation>
    </message>
    <message>
        <source>only data problems have batches; leave it empty</source>
        <translation>只有数据问题才有小批量；请留空</translation>
    </message>
    <message>
        <source>a batch of %1 is larger than the data set (%2 samples)</source>
        <translation>批量 %1 大于数据集（%2 个样本）</translation>
    </message>
    <message>
        <source>must hold exactly one name and its value, not %1 keys</source>
        <translation>必须恰好包含一个名称及其值，而不是 %1 个键</translation>
    </message>
    <message>
        <source>this is not a %1 file</source>
        <translation>这不是 %1 文件</translation>
    </message>
    <message>
        <source>written by a newer gdsim (format version %1; this one reads up to %2): update gdsim to open it</source>
        <translation>此文件由更新版本的 gdsim 写入（格式版本 %1；当前版本最多能读到 %2）：请升级 gdsim 后再打开</translation>
    </message>
    <message>
        <source>the view %1 does not fit this problem</source>
        <translation>视图 %1 不适用于这个问题</translation>
    </message>
    <message>
        <source>no such file: %1</source>
        <translation>没有这个文件：%1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file</source>
        <translation>%1 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>%1 is not a text (UTF-8) file</source>
        <translation>%1 不是文本（UTF-8）文件</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 大于 %2 MiB</translation>
    </message>
    <message>
        <source>not valid JSON at line %1, column %2</source>
        <translation>第 %1 行第 %2 列不是有效的 JSON</translation>
    </message>
    <message>
        <source>%1 is %2, not a regular file</source>
        <translation>%1 是%2，不是普通文件</translation>
    </message>
    <message>
        <source>%1 is %2, not a regular file; nothing was written</source>
        <translation>%1 是%2，不是普通文件；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot write %1: %2; nothing was written</source>
        <translation>无法写入 %1：%2；未写入任何内容</translation>
    </message>
    <message>
        <source>%1 is not allowed in strict JSON; write null for a missing number</source>
        <translation>严格的 JSON 不允许 %1；缺少的数字请写 null</translation>
    </message>
    <message>
        <source>nested too deeply (lists or objects inside each other hundreds of times)</source>
        <translation>嵌套过深（列表或对象相互嵌套了数百层）</translation>
    </message>
    <message>
        <source>is given twice in the same object: keep one</source>
        <translation>在同一个对象中出现了两次：请只保留一个</translation>
    </message>
    <message>
        <source>must be a number a float can hold (at most about 1.8e308 in size), not %1</source>
        <translation>必须是浮点数能表示的数（绝对值至多约 1.8e308），而不是 %1</translation>
    </message>
    <message>
        <source>is a number of %1 digits, beyond the largest a float can hold (about 1.8e308)</source>
        <translation>是一个 %1 位的数，超出了浮点数能表示的最大值（约 1.8e308）</translation>
    </message>
    <message>
        <source>holds a lone surrogate (%1), which is not a character: write the character itself</source>
        <translation>含有孤立的代理码元（%1），它不是一个字符：请直接写出该字符</translation>
    </message>
    <message>
        <source>must hold only numbers (null for a missing one), in lists of equal length, one entry per point or evaluation</source>
        <translation>只能包含数字（缺少的写 null），各列表长度相同，每个点或每次评估一项</translation>
    </message>
    <message>
        <source>its recorded arrays must have one entry per point, but have %1</source>
        <translation>记录的各数组应每个点一项，但长度分别为 %1</translation>
    </message>
    <message>
        <source>is %1, before the previous event&apos;s %2: events must be in the order of their steps</source>
        <translation>是 %1，早于前一个事件的 %2：事件必须按步数顺序排列</translation>
    </message>
    <message>
        <source>is %1, after the recording&apos;s end (meta.ticks %2)</source>
        <translation>是 %1，晚于录制的结尾（meta.ticks %2）</translation>
    </message>
    <message>
        <source>there is no run %1 at that point (runs then: %2)</source>
        <translation>此时没有运行 %1（当时的运行：%2）</translation>
    </message>
    <message>
        <source>must be a number of at least 0 (a whole number for ticks), not %1</source>
        <translation>必须是不小于 0 的数（tick 须为整数），而不是 %1</translation>
    </message>
    <message>
        <source>must never decrease</source>
        <translation>不能递减</translation>
    </message>
    <message>
        <source>must have one tick per time (%1), not %2</source>
        <translation>每个时间点须对应一个 tick（%1 个），而不是 %2 个</translation>
    </message>
    <message>
        <source>must name a landscape (see `gdsim landscapes`)</source>
        <translation>必须指定一个地形（见 `gdsim landscapes`）</translation>
    </message>
    <message>
        <source>this session cannot make recordings</source>
        <translation>此会话无法生成录制</translation>
    </message>
    <message>
        <source>cannot be built: its numbers are too large to compute with (%1)</source>
        <translation>无法构建：其中的数太大，无法计算（%1）</translation>
    </message>
    <message>
        <source>asks to read %1 bytes, more than the %2 allowed (gdsim run --no-limits runs it anyway)</source>
        <translation>要求读取 %1 字节，超过了允许的 %2（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 runs, more than the %2 a scenario may have (gdsim run --no-limits runs it anyway)</source>
        <translation>要求 %1 个运行，超过了一个场景允许的 %2 个（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 balls in all runs together, more than the %2 allowed: use fewer or smaller swarms (gdsim run --no-limits runs it anyway)</source>
        <translation>所有运行共要求 %1 个小球，超过了允许的 %2 个：请减少小球群的数量或规模（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 features (columns of x), more than the %2 allowed: use fewer columns (gdsim run --no-limits runs it anyway)</source>
        <translation>要求 %1 个特征（x 的列），超过了允许的 %2 个：请减少列数（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 captions, more than the %2 a scenario may have (gdsim run --no-limits runs it anyway)</source>
        <translation>要求 %1 条字幕，超过了一个场景允许的 %2 条（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 events, more than the %2 a recording may have (gdsim run --no-limits runs it anyway)</source>
        <translation>要求 %1 个事件，超过了一个录制允许的 %2 个（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>asks for %1 units of work (about 10 to 15 ns of CPU each), more than the %2 allowed: take fewer steps, balls or samples (gdsim run --no-limits runs it anyway)</source>
        <translation>要求 %1 个工作量单位（每个约 10 到 15 纳秒 CPU 时间），超过了允许的 %2 个：请减少步数、小球或样本（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>would record %1 numbers, more than the %2 allowed: set record_every to keep every k-th point, or take fewer steps (gdsim run --no-limits runs it anyway)</source>
        <translation>将记录 %1 个数，超过了允许的 %2 个：请设置 record_every 只保留每第 k 个点，或减少步数（gdsim run --no-limits 仍可运行它）</translation>
    </message>
    <message>
        <source>%1 has no samples: give x columns and a y column, one sample per row</source>
        <translation>%1 没有样本：请给出若干 x 列和一个 y 列，每行一个样本</translation>
    </message>
    <message>
        <source>%1 needs at least two columns (x columns, then y); row %2 has %3</source>
        <translation>%1 至少需要两列（先是 x 列，然后是 y 列）；第 %2 行只有 %3 列</translation>
    </message>
    <message>
        <source>%1 has %2 samples, more than the %3 allowed</source>
        <translation>%1 有 %2 个样本，超过了允许的 %3 个</translation>
    </message>
    <message>
        <source>row %2 of %1 has %3 columns, the first has %4</source>
        <translation>%1 的第 %2 行有 %3 列，而第一行有 %4 列</translation>
    </message>
    <message>
        <source>row %2, column %3 of %1: “%4” is not a finite number</source>
        <translation>%1 的第 %2 行第 %3 列：“%4”不是有限的数</translation>
    </message>
    <message>
        <source>row %2, column %3 of %1: y must be a class label, 0 or 1, not %4</source>
        <translation>%1 的第 %2 行第 %3 列：y 必须是类别标签 0 或 1，而不是 %4</translation>
    </message>
    <message>
        <source>empty formula: type one in x (and y), such as x^2 + y^2</source>
        <translation>公式为空：请输入一个关于 x（和 y）的公式，例如 x^2 + y^2</translation>
    </message>
    <message>
        <source>&apos;(&apos; at column %1 is never closed: add &apos;)&apos;</source>
        <translation>第 %1 列的 &apos;(&apos; 没有闭合：请补上 &apos;)&apos;</translation>
    </message>
    <message>
        <source>empty brackets at column %1: put something inside</source>
        <translation>第 %1 列的括号是空的：请在里面写点内容</translation>
    </message>
    <message>
        <source>the formula ends too early: something is missing at the end</source>
        <translation>公式提前结束了：末尾缺少内容</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not allowed at column %2: a formula is made of numbers, x, y, pi, e, + - * / ^, brackets and functions such as sin(x)</source>
        <translation>第 %2 列不允许出现 &apos;%1&apos;：公式由数字、x、y、pi、e、+ - * / ^、括号和 sin(x) 这样的函数组成</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at column %2 is a function: write %1(...)</source>
        <translation>第 %2 列的 &apos;%1&apos; 是函数：请写成 %1(...)</translation>
    </message>
    <message>
        <source>the formula cannot start with &apos;%1&apos; (column %2)</source>
        <translation>公式不能以 &apos;%1&apos; 开头（第 %2 列）</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos; at column %2</source>
        <translation>第 %2 列出现了意外的 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>missing operator before &apos;%1&apos; at column %2: put * (or +, -, /) before it</source>
        <translation>第 %2 列的 &apos;%1&apos; 前缺少运算符：请在它前面加上 *（或 +、-、/）</translation>
    </message>
    <message>
        <source>the formula ends too early: something is missing after &apos;%1&apos; at column %2</source>
        <translation>公式提前结束了：第 %2 列的 &apos;%1&apos; 后面缺少内容</translation>
    </message>
    <message>
        <source>missing operator between &apos;%1&apos; and &apos;%2&apos; at column %3: write %1*%2</source>
        <translation>第 %3 列的 &apos;%1&apos; 和 &apos;%2&apos; 之间缺少运算符：请写成 %1*%2</translation>
    </message>
    <message>
        <source>unknown name &apos;%1&apos; at column %2: use x, y, pi, e or one of %3</source>
        <translation>第 %2 列的名称 &apos;%1&apos; 无法识别：请使用 x、y、pi、e 或以下函数之一：%3</translation>
    </message>
    <message>
        <source>unknown name &apos;%1&apos; at column %2: did you mean &apos;%3&apos;?</source>
        <translation>第 %2 列的名称 &apos;%1&apos; 无法识别：你是想写 &apos;%3&apos; 吗？</translation>
    </message>
    <message>
        <source>%1 variables: gdsim draws 1 or 2, named x and y; &apos;%2&apos; at column %3 is one too many</source>
        <translation>有 %1 个变量：gdsim 只能画 1 个或 2 个变量，名为 x 和 y；第 %3 列的 &apos;%2&apos; 是多出来的</translation>
    </message>
    <message>
        <source>every x is the same, so it cannot be standardised (its spread is 0)</source>
        <translation>所有 x 都相同，无法标准化（标准差为 0）</translation>
    </message>
    <message>
        <source>column %1 of x is constant, so it cannot be standardised (its spread is 0)</source>
        <translation>x 的第 %1 列是常数，无法标准化（标准差为 0）</translation>
    </message>
    <message>
        <source>every label is %1, so b has no finite minimum: give samples of both classes</source>
        <translation>所有标签都是 %1，b 没有有限的最小值：请给出两个类别的样本</translation>
    </message>
    <message>
        <source>the classes are separable, so the loss has no finite minimum: add label noise or an l2 penalty</source>
        <translation>两个类别线性可分，损失没有有限的最小值：请加入标签噪声或 l2 惩罚</translation>
    </message>
    <message>
        <source>mnist is read from a copy you already have (gdsim never downloads): set it to a folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each possibly .gz), or to Keras&apos; mnist.npz (~/.keras/datasets/mnist.npz)</source>
        <translation>mnist 从你已有的副本读取（gdsim 从不下载）：请设为包含 train-images-idx3-ubyte、train-labels-idx1-ubyte、t10k-images-idx3-ubyte 和 t10k-labels-idx1-ubyte（均可为 .gz）的文件夹，或 Keras 的 mnist.npz（~/.keras/datasets/mnist.npz）</translation>
    </message>
    <message>
        <source>csv needs the path of a file of numbers, one sample a line, the last column the target</source>
        <translation>csv 需要一个数字文件的路径：每行一个样本，最后一列是目标值</translation>
    </message>
    <message>
        <source>only an mlp has %1; a %2 model has none</source>
        <translation>只有 mlp 有 %1；%2 模型没有</translation>
    </message>
    <message>
        <source>a cnn needs images (digits or mnist), not %1</source>
        <translation>cnn 需要图像数据（digits 或 mnist），而不是 %1</translation>
    </message>
    <message>
        <source>logistic regression classifies: use cross_entropy, or a linear model for mse</source>
        <translation>逻辑回归用于分类：请使用 cross_entropy；若要用 mse，请选 linear 模型</translation>
    </message>
    <message>
        <source>“%1” is not a list of whole numbers such as 64, 32</source>
        <translation>“%1”不是整数列表（例如 64, 32）</translation>
    </message>
    <message>
        <source>cross_entropy needs class labels; %1 is a regression set: use mse</source>
        <translation>cross_entropy 需要类别标签；%1 是回归数据集：请使用 mse</translation>
    </message>
    <message>
        <source>%1 has class labels: use cross_entropy (mse is for sine or a csv of numbers)</source>
        <translation>%1 带有类别标签：请使用 cross_entropy（mse 用于 sine 或数字 csv）</translation>
    </message>
    <message>
        <source>only networks are evaluated; use null here</source>
        <translation>只有神经网络会做评估；这里请填 null</translation>
    </message>
    <message>
        <source>only networks have initial weights; use null here</source>
        <translation>只有神经网络才有初始权重；这里请用 null</translation>
    </message>
    <message>
        <source>must be %1 for a network: %2</source>
        <translation>对神经网络必须为 %1：%2</translation>
    </message>
    <message>
        <source>a torch optimizer updates every coordinate at once: use &quot;simultaneous&quot;</source>
        <translation>torch 优化器一次更新所有坐标：请使用 &quot;simultaneous&quot;</translation>
    </message>
    <message>
        <source>unknown optimizer %1: write a gdsim name (adam, ...) or torch.optim.&lt;Class&gt; or pytorch_optimizer.&lt;Class&gt;</source>
        <translation>未知的优化器 %1：请写 gdsim 的名称（adam 等），或 torch.optim.&lt;Class&gt;、pytorch_optimizer.&lt;Class&gt;</translation>
    </message>
    <message>
        <source>pytorch_optimizer is not installed (pip install pytorch-optimizer)</source>
        <translation>未安装 pytorch_optimizer（pip install pytorch-optimizer）</translation>
    </message>
    <message>
        <source>%1 has no optimizer class %2</source>
        <translation>%1 中没有优化器类 %2</translation>
    </message>
    <message>
        <source>%1 refuses these hyperparameters: %2</source>
        <translation>%1 不接受这些超参数：%2</translation>
    </message>
    <message>
        <source>%1 cannot move gdsim&apos;s balls: it %2</source>
        <translation>%1 无法推动 gdsim 的小球：它 %2</translation>
    </message>
    <message>
        <source>not an engine command: %1</source>
        <translation>不是引擎命令：%1</translation>
    </message>
    <message>
        <source>%1 cannot be set this way</source>
        <translation>%1 不能这样设置</translation>
    </message>
    <message>
        <source>must be a number above 0 and at most %1, not %2</source>
        <translation>必须是大于 0 且不超过 %1 的数，现在是 %2</translation>
    </message>
    <message>
        <source>must end in .mp4, .gif, .png or / (a folder of PNG frames), not %1</source>
        <translation>必须以 .mp4、.gif、.png 或 /（存放 PNG 帧的文件夹）结尾，现在是 %1</translation>
    </message>
    <message>
        <source>must be WIDTHxHEIGHT in pixels, such as 1280x720, not %1</source>
        <translation>必须是以像素计的 宽x高，例如 1280x720，现在是 %1</translation>
    </message>
    <message>
        <source>%1 is outside %2 .. %3</source>
        <translation>%1 超出了 %2 .. %3 的范围</translation>
    </message>
    <message>
        <source>refusing to overwrite the input %1</source>
        <translation>拒绝覆盖输入文件 %1</translation>
    </message>
    <message>
        <source>there is no folder %1 to write %2 in</source>
        <translation>文件夹 %1 不存在，无法写入 %2</translation>
    </message>
    <message>
        <source>cannot write in %1 (no permission)</source>
        <translation>无法写入 %1（没有权限）</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation>%1 已存在且不是文件夹</translation>
    </message>
    <message>
        <source>%1 holds files other than numbered frames; choose an empty or new folder</source>
        <translation>%1 中有编号帧以外的文件；请选择一个空的或新的文件夹</translation>
    </message>
    <message>
        <source>%1 exists and is not a regular file</source>
        <translation>%1 已存在且不是普通文件</translation>
    </message>
    <message>
        <source>names no view</source>
        <translation>没有指定任何视图</translation>
    </message>
    <message>
        <source>there is no view %1; choose from %2</source>
        <translation>没有视图 %1；请从 %2 中选择</translation>
    </message>
    <message>
        <source>the %1 view does not fit this problem; it fits %2</source>
        <translation>%1 视图不适用于这个问题；适用的是 %2</translation>
    </message>
    <message>
        <source>%1 Run with a display, or choose 2d.</source>
        <translation>%1 请在有显示器的环境中运行，或选择 2d。</translation>
    </message>
    <message>
        <source>a title card opens a video or a folder of frames, not a still</source>
        <translation>片头卡只能用于视频或帧文件夹，不能用于单张图片</translation>
    </message>
    <message>
        <source>chooses the step of a still (an output ending in .png)</source>
        <translation>只用于选择单张图片（以 .png 结尾的输出）所在的步</translation>
    </message>
    <message>
        <source>must be between 0 and the last step, %1, not %2</source>
        <translation>必须在 0 到最后一步 %1 之间，现在是 %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB</source>
        <translation>%1 大于 %2 MB</translation>
    </message>
    <message>
        <source>%1 unpacks to more than %2 MB</source>
        <translation>%1 解压后超过 %2 MB</translation>
    </message>
    <message>
        <source>%1 is not an IDX file (wrong magic number)</source>
        <translation>%1 不是 IDX 文件（魔数不对）</translation>
    </message>
    <message>
        <source>%1 ends inside its header</source>
        <translation>%1 在文件头中途就结束了</translation>
    </message>
    <message>
        <source>%1 holds %2 bytes of values; its header %3 says %4</source>
        <translation>%1 含有 %2 字节的数值，但文件头 %3 表明应为 %4 字节</translation>
    </message>
    <message>
        <source>%1 has no %2 (nor %2.gz); it needs the four MNIST IDX files, or point data.path at Keras&apos; mnist.npz</source>
        <translation>%1 中没有 %2（也没有 %2.gz）；需要四个 MNIST IDX 文件，或者把 data.path 指向 Keras 的 mnist.npz</translation>
    </message>
    <message>
        <source>%1 does not exist: point it at a folder with the four MNIST IDX files or at Keras&apos; mnist.npz (~/.keras/datasets/mnist.npz); gdsim never downloads</source>
        <translation>%1 不存在：请指向存放四个 MNIST IDX 文件的文件夹，或 Keras 的 mnist.npz（~/.keras/datasets/mnist.npz）；gdsim 从不下载</translation>
    </message>
    <message>
        <source>%1 lacks %2 (Keras&apos; mnist.npz holds x_train, y_train, x_test, y_test)</source>
        <translation>%1 缺少 %2（Keras 的 mnist.npz 包含 x_train、y_train、x_test、y_test）</translation>
    </message>
    <message>
        <source>cannot read %1 as an .npz file: %2</source>
        <translation>无法把 %1 作为 .npz 文件读取：%2</translation>
    </message>
    <message>
        <source>%1 must be (n, height, width) images with one label each in %2; found %3 and %4</source>
        <translation>%1 必须是形状为 (n, 高, 宽) 的图像，每张图在 %2 中有一个标签；实际为 %3 和 %4</translation>
    </message>
    <message>
        <source>%1 must hold digits 0 to 9</source>
        <translation>%1 必须是数字 0 到 9</translation>
    </message>
    <message>
        <source>the training and test images differ in size</source>
        <translation>训练图像和测试图像的尺寸不同</translation>
    </message>
    <message>
        <source>%1, line %2: not a list of numbers</source>
        <translation>%1 第 %2 行：不是一行数字</translation>
    </message>
    <message>
        <source>%1, line %2: %3 columns where line 1 of the data has %4</source>
        <translation>%1 第 %2 行：有 %3 列，而数据第 1 行有 %4 列</translation>
    </message>
    <message>
        <source>%1, line %2: a value is not finite</source>
        <translation>%1 第 %2 行：有一个值不是有限数</translation>
    </message>
    <message>
        <source>%1 needs at least two samples of at least two columns (features, then the target)</source>
        <translation>%1 至少需要两个样本，每个至少两列（先是特征，最后是目标值）</translation>
    </message>
    <message>
        <source>%1: with cross_entropy the last column must hold class numbers 0, 1, 2, ...</source>
        <translation>%1：使用 cross_entropy 时，最后一列必须是类别编号 0, 1, 2, ...</translation>
    </message>
    <message>
        <source>the data set is empty: give at least one sample</source>
        <translation>数据集是空的：请至少给出一个样本</translation>
    </message>
    <message>
        <source>%1 samples are more than the %2 allowed</source>
        <translation>%1 个样本，超过了允许的 %2 个</translation>
    </message>
    <message>
        <source>a row needs at least one feature</source>
        <translation>每行至少需要一个特征</translation>
    </message>
    <message>
        <source>must be a row (a list of %1 numbers) like x[0], not %2</source>
        <translation>必须像 x[0] 一样是一行（%1 个数的列表），而不是 %2</translation>
    </message>
    <message>
        <source>has %1 values but x[0] has %2: every row needs the same number of features</source>
        <translation>有 %1 个值，但 x[0] 有 %2 个：每行的特征数必须相同</translation>
    </message>
    <message>
        <source>has %1 values but x has %2 samples: give one y per sample</source>
        <translation>有 %1 个值，但 x 有 %2 个样本：每个样本需要一个 y</translation>
    </message>
    <message>
        <source>must be a class label, 0 or 1, not %1</source>
        <translation>必须是类别标签 0 或 1，而不是 %1</translation>
    </message>
    <message>
        <source>must be a formula in x (and y) as text, such as &quot;x^2 + 3*sin(y)&quot;</source>
        <translation>必须是关于 x（和 y）的公式文本，例如 &quot;x^2 + 3*sin(y)&quot;</translation>
    </message>
    <message>
        <source>must list 1 range [low, high] for x</source>
        <translation>必须为 x 给出 1 个范围 [下限, 上限]</translation>
    </message>
    <message>
        <source>must list 2 ranges [low, high], for x and for y</source>
        <translation>必须给出 2 个范围 [下限, 上限]，分别对应 x 和 y</translation>
    </message>
    <message>
        <source>principal directions need the weights of at least three evaluations: train longer, evaluate more often, or use random directions</source>
        <translation>主成分方向至少需要三次评估时的权重：请训练更久、更频繁地评估，或改用随机方向</translation>
    </message>
    <message>
        <source>only a network&apos;s loss can be sliced</source>
        <translation>只有神经网络的损失可以切片</translation>
    </message>
    <message>
        <source>a network has no start to drag: it starts from its initial weights</source>
        <translation>神经网络没有可拖动的起点：它从初始权重出发</translation>
    </message>
    <message>
        <source>there is no run %1</source>
        <translation>没有运行 %1</translation>
    </message>
    <message>
        <source>must be %1 for %2: it updates each weight inside backward, before gdsim could add noise or clip (it has its own clip_grad_norm)</source>
        <translation>对 %2 必须为 %1：它在反向传播中就更新每个权重，gdsim 来不及加入噪声或裁剪（它有自己的 clip_grad_norm）</translation>
    </message>
    <message>
        <source>%1 updates 2D (matrix) parameters only, and this network has others (biases): race it on a landscape, where each ball is a 1×D matrix</source>
        <translation>%1 只更新二维（矩阵）参数，而这个网络还有其他参数（偏置）：请在损失地形上比较它，那里每个小球是一个 1×D 矩阵</translation>
    </message>
    <message>
        <source>names a view twice</source>
        <translation>同一个视图写了两次</translation>
    </message>
    <message>
        <source>running on a Dask cluster needs dask.distributed: pip install &quot;gdsim[distributed]&quot;</source>
        <translation>在 Dask 集群上运行需要 dask.distributed：pip install &quot;gdsim[distributed]&quot;</translation>
    </message>
    <message>
        <source>cannot reach the Dask scheduler at %1: %2</source>
        <translation>无法连接位于 %1 的 Dask 调度器：%2</translation>
    </message>
    <message>
        <source>lists %1 rates, more than the %2 allowed</source>
        <translation>列出了 %1 个学习率，超过了允许的 %2 个</translation>
    </message>
    <message>
        <source>lists a rate twice</source>
        <translation>同一个学习率列了两次</translation>
    </message>
    <message>
        <source>lists %1 seeds, more than the %2 allowed</source>
        <translation>列出了 %1 个随机种子，超过了允许的 %2 个</translation>
    </message>
    <message>
        <source>lists a seed twice</source>
        <translation>同一个随机种子列了两次</translation>
    </message>
    <message>
        <source>the sweep sets the learning rate (its &quot;lr&quot; key); leave it out here</source>
        <translation>学习率由扫描设定（它的 &quot;lr&quot; 键）；这里请不要写</translation>
    </message>
    <message>
        <source>%1 names two entries; give each its own label</source>
        <translation>%1 是两个条目的名称；请给每个条目取不同的名称</translation>
    </message>
    <message>
        <source>ranking by steps_to_threshold needs a &quot;threshold&quot;</source>
        <translation>按 steps_to_threshold 排序需要给出 &quot;threshold&quot;</translation>
    </message>
    <message>
        <source>a network starts from the scenario&apos;s initial weights</source>
        <extracomment>The codes of a rendering&apos;s output path whose one value is ``path``. Why a network run keeps a setting (the ``why`` of ``network.fixed``, as gdsim/engine/run_checks.py writes it).</extracomment>
        <translation>神经网络从场景的初始权重出发</translation>
    </message>
    <message>
        <source>a network updates every weight at once</source>
        <translation>神经网络一次更新所有权重</translation>
    </message>
    <message>
        <source>a network records every update&apos;s loss and no path</source>
        <translation>神经网络记录每次更新的损失，不记录路径</translation>
    </message>
    <message>
        <source>a network runs its steps</source>
        <translation>神经网络会跑完所有步数</translation>
    </message>
    <message>
        <source>a folder</source>
        <extracomment>What a file that is not a regular file is (the ``what`` of ``file.not_regular``, as :mod:`gdsim.session.jsonio` writes it).</extracomment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a named pipe</source>
        <translation>命名管道</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>符号链接</translation>
    </message>
    <message>
        <source>a link to nothing</source>
        <translation>指向不存在目标的链接</translation>
    </message>
    <message>
        <source>something else</source>
        <translation>其他类型的文件</translation>
    </message>
    <message>
        <source>no file name is given</source>
        <extracomment>Why a file cannot be written (the ``reason`` of ``file.unwritable`` that gdsim writes itself; a system&apos;s reason stays as the system said it).</extracomment>
        <translation>没有给出文件名</translation>
    </message>
    <message>
        <source>its folder does not exist</source>
        <translation>所在文件夹不存在</translation>
    </message>
    <message>
        <source>its folder is not writable</source>
        <translation>所在文件夹不可写</translation>
    </message>
    <message>
        <source>the file name is too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <source>loss below %1 or gradient norm below %2</source>
        <extracomment>Stop reasons as the engine writes them, %1, %2 standing for numbers.</extracomment>
        <translation>损失低于 %1 或梯度范数低于 %2</translation>
    </message>
    <message>
        <source>loss below %1</source>
        <translation>损失低于 %1</translation>
    </message>
    <message>
        <source>gradient norm below %1</source>
        <translation>梯度范数低于 %1</translation>
    </message>
    <message>
        <source>step length below %1</source>
        <translation>步长低于 %1</translation>
    </message>
    <message>
        <source>the gradient is undefined where the ball stood (the formula is not defined there)</source>
        <translation>小球所在处的梯度没有定义（公式在那里没有定义）</translation>
    </message>
    <message>
        <source>the parameters became infinite or undefined (NaN)</source>
        <translation>参数变成了无穷大或无定义（NaN）</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>损失变成了无穷大</translation>
    </message>
    <message>
        <source>a parameter grew beyond %1 in magnitude</source>
        <translation>某个参数的绝对值超过了 %1</translation>
    </message>
    <message>
        <source>the batch loss became %1 at update %2</source>
        <translation>第 %2 次更新时批量损失变成了 %1</translation>
    </message>
    <message>
        <source>the training loss became %1 at update %2</source>
        <translation>第 %2 次更新时训练损失变成了 %1</translation>
    </message>
    <message>
        <source>all %1 steps taken</source>
        <translation>全部 %1 步已走完</translation>
    </message>
    <message>
        <source>stopped by a command</source>
        <translation>被命令停止</translation>
    </message>
    <message>
        <source>running</source>
        <extracomment>The words of a ball&apos;s status on screen.</extracomment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>max steps</source>
        <translation>达到最大步数</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <extracomment>Shown where there is no value (never reached, not known).</extracomment>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>“%1” is not a whole number</source>
        <translation>“%1”不是整数</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>SGD</source>
        <translation>SGD（随机梯度下降）</translation>
    </message>
    <message>
        <source>b ← μ·b + (1 − τ)·g;  θ ← θ − lr·b   (Nesterov: θ ← θ − lr·(g + μb); plain: θ ← θ − lr·g)</source>
        <translation>b ← μ·b + (1 − τ)·g;  θ ← θ − lr·b   （Nesterov：θ ← θ − lr·(g + μb)；无动量：θ ← θ − lr·g）</translation>
    </message>
    <message>
        <source>Momentum (moving average)</source>
        <translation>动量（滑动平均）</translation>
    </message>
    <message>
        <source>v ← βv + (1−β)g;  θ ← θ − lr·v</source>
        <translation>v ← βv + (1−β)g;  θ ← θ − lr·v</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)</source>
        <translation>m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>θ ← θ(1 − lr·λ);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)</source>
        <translation>θ ← θ(1 − lr·λ);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>v ← αv + (1−α)g²;  θ ← θ − lr·g / (√v + eps)   (centered: √(v − ḡ²); momentum: b ← μb + g/(√v + eps), θ ← θ − lr·b)</source>
        <translation>v ← αv + (1−α)g²;  θ ← θ − lr·g / (√v + eps)   （中心化：√(v − ḡ²)；带动量：b ← μb + g/(√v + eps)，θ ← θ − lr·b）</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>s ← s + g²;  θ ← θ − lr/(1 + (t−1)·η) · g / (√s + eps)</source>
        <translation>s ← s + g²;  θ ← θ − lr/(1 + (t−1)·η) · g / (√s + eps)</translation>
    </message>
    <message>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <source>v ← ρv + (1−ρ)g²;  Δ ← √(u + eps)/√(v + eps) · g;  u ← ρu + (1−ρ)Δ²;  θ ← θ − lr·Δ</source>
        <translation>v ← ρv + (1−ρ)g²;  Δ ← √(u + eps)/√(v + eps) · g;  u ← ρu + (1−ρ)Δ²;  θ ← θ − lr·Δ</translation>
    </message>
    <message>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <source>m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + eps);  θ ← θ − lr/(1−β₁ᵗ) · m/u</source>
        <translation>m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + eps);  θ ← θ − lr/(1−β₁ᵗ) · m/u</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>μₜ = β₁(1 − ½·0.96^(tψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g + μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + eps)</source>
        <translation>μₜ = β₁(1 − ½·0.96^(tψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g + μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + eps)</translation>
    </message>
    <message>
        <source>RAdam</source>
        <translation>RAdam</translation>
    </message>
    <message>
        <source>m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  θ ← θ − lr·m̂·r·√(1−β₂ᵗ)/(√v + eps) if ρₜ &gt; 5, else θ ← θ − lr·m̂</source>
        <translation>m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  若 ρₜ &gt; 5：θ ← θ − lr·m̂·r·√(1−β₂ᵗ)/(√v + eps)，否则 θ ← θ − lr·m̂</translation>
    </message>
</context>
<context>
    <name>params</name>
    <message>
        <source>Learning rate: the step size that multiplies the update (θ ← θ − lr·…).</source>
        <translation>学习率：乘在更新量上的步长（θ ← θ − lr·…）。</translation>
    </message>
    <message>
        <source>Momentum μ: the velocity keeps μ of itself each step (b ← μb + (1−τ)g).</source>
        <translation>动量 μ：每一步速度保留自身的 μ 倍（b ← μb + (1−τ)g）。</translation>
    </message>
    <message>
        <source>Dampening τ: the share of the gradient held back (b ← μb + (1−τ)g).</source>
        <translation>阻尼 τ：梯度中被扣下的比例（b ← μb + (1−τ)g）。</translation>
    </message>
    <message>
        <source>L2 penalty: adds weight_decay·θ to the gradient (g ← g + λθ) before the update.</source>
        <translation>L2 惩罚：在更新之前把 weight_decay·θ 加到梯度上（g ← g + λθ）。</translation>
    </message>
    <message>
        <source>Nesterov momentum: step along g + μb instead of b (needs μ &gt; 0, τ = 0).</source>
        <translation>Nesterov 动量：沿 g + μb 而不是 b 走一步（要求 μ &gt; 0、τ = 0）。</translation>
    </message>
    <message>
        <source>Climb instead of descend: the gradient&apos;s sign is flipped first (g ← −g).</source>
        <translation>往上爬而不是往下走：先把梯度取反（g ← −g）。</translation>
    </message>
    <message>
        <source>Averaging factor β: the velocity keeps β of itself and takes 1−β of the gradient (v ← βv + (1−β)g). In [0, 1).</source>
        <translation>平均系数 β：速度保留自身的 β 倍，再加上梯度的 1−β 倍（v ← βv + (1−β)g）。取值在 [0, 1) 内。</translation>
    </message>
    <message>
        <source>Decay rates of the running averages of g (β₁) and g² (β₂): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g². Each must be in [0, 1).</source>
        <translation>g 的滑动平均（β₁）和 g² 的滑动平均（β₂）的衰减率：m ← β₁m + (1−β₁)g，v ← β₂v + (1−β₂)g²。两者都必须在 [0, 1) 内。</translation>
    </message>
    <message>
        <source>Added to the denominator for numerical stability: …/(√v + eps).</source>
        <translation>加在分母上以保证数值稳定：…/(√v + eps)。</translation>
    </message>
    <message>
        <source>AMSGrad: divide by the largest v seen so far (v̂ ← max(v̂, v)) instead of the current v.</source>
        <translation>AMSGrad：除以迄今为止最大的 v（v̂ ← max(v̂, v)），而不是当前的 v。</translation>
    </message>
    <message>
        <source>Decay θ directly (θ ← θ(1 − lr·λ), as AdamW) instead of adding λθ to the gradient.</source>
        <translation>直接衰减 θ（θ ← θ(1 − lr·λ)，同 AdamW），而不是把 λθ 加到梯度上。</translation>
    </message>
    <message>
        <source>decay θ directly</source>
        <translation>直接衰减 θ</translation>
    </message>
    <message>
        <source>Decoupled weight decay λ: shrinks θ directly before the update (θ ← θ(1 − lr·λ)), not through the gradient.</source>
        <translation>解耦权重衰减 λ：在更新之前直接缩小 θ（θ ← θ(1 − lr·λ)），而不经过梯度。</translation>
    </message>
    <message>
        <source>Smoothing constant α of the running average of g²: v ← αv + (1−α)g².</source>
        <translation>g² 滑动平均的平滑常数 α：v ← αv + (1−α)g²。</translation>
    </message>
    <message>
        <source>Momentum μ on the scaled step: b ← μb + g/(√v + eps), θ ← θ − lr·b (0: none).</source>
        <translation>作用在缩放后步长上的动量 μ：b ← μb + g/(√v + eps)，θ ← θ − lr·b（0 表示不用动量）。</translation>
    </message>
    <message>
        <source>Centered: divide by an estimate of the gradient&apos;s variance, √(v − ḡ²) with ḡ ← αḡ + (1−α)g, instead of √v.</source>
        <translation>中心化：除以梯度方差的估计 √(v − ḡ²)（其中 ḡ ← αḡ + (1−α)g），而不是 √v。</translation>
    </message>
    <message>
        <source>Learning-rate decay η: step t uses lr/(1 + (t−1)η).</source>
        <translation>学习率衰减 η：第 t 步使用 lr/(1 + (t−1)η)。</translation>
    </message>
    <message>
        <source>Starting value of the sum of squared gradients s (set when the optimizer is created).</source>
        <translation>梯度平方和 s 的初始值（在创建优化器时设定）。</translation>
    </message>
    <message>
        <source>Learning rate: multiplies the step Δ (θ ← θ − lr·Δ); 1 is Adadelta as published.</source>
        <translation>学习率：乘在步长 Δ 上（θ ← θ − lr·Δ）；取 1 即论文中的 Adadelta。</translation>
    </message>
    <message>
        <source>Decay ρ of both running averages: v ← ρv + (1−ρ)g², u ← ρu + (1−ρ)Δ². In [0, 1].</source>
        <translation>两个滑动平均的衰减率 ρ：v ← ρv + (1−ρ)g²，u ← ρu + (1−ρ)Δ²。取值在 [0, 1] 内。</translation>
    </message>
    <message>
        <source>Added inside both roots, √(u + eps)/√(v + eps): it sets the size of the first steps.</source>
        <translation>加在两个根号里面，√(u + eps)/√(v + eps)：它决定最初几步的大小。</translation>
    </message>
    <message>
        <source>Momentum decay ψ: the momentum used at step t is μₜ = β₁(1 − ½·0.96^(tψ)).</source>
        <translation>动量衰减 ψ：第 t 步使用的动量为 μₜ = β₁(1 − ½·0.96^(tψ))。</translation>
    </message>
    <message>
        <source>Steps of linear warmup in front of the schedule (0: none).</source>
        <translation>调度开始前线性预热的步数（0 表示不预热）。</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>The warmup starts at this fraction of lr and rises linearly to lr.</source>
        <translation>预热从 lr 的这个比例开始，线性增加到 lr。</translation>
    </message>
    <message>
        <source>Warmup start</source>
        <translation>预热起始比例</translation>
    </message>
    <message>
        <source>Steps between two multiplications of the rate by gamma.</source>
        <translation>学习率每乘一次 gamma 之间相隔的步数。</translation>
    </message>
    <message>
        <source>Step size</source>
        <translation>间隔步数</translation>
    </message>
    <message>
        <source>Factor the rate is multiplied by every step_size steps.</source>
        <translation>每隔 step_size 步学习率所乘的系数。</translation>
    </message>
    <message>
        <source>γ</source>
        <translation>γ</translation>
    </message>
    <message>
        <source>Factor the rate is multiplied by at every step: lr·γᵗ.</source>
        <translation>每一步学习率所乘的系数：lr·γᵗ。</translation>
    </message>
    <message>
        <source>Steps of one half cosine, from lr down to eta_min.</source>
        <translation>半个余弦周期的步数，从 lr 降到 eta_min。</translation>
    </message>
    <message>
        <source>period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>The lowest rate, reached at T_max (absolute, as in torch).</source>
        <translation>最低学习率，在第 T_max 步达到（绝对值，与 torch 相同）。</translation>
    </message>
    <message>
        <source>lowest rate η</source>
        <translation>最低学习率 η</translation>
    </message>
    <message>
        <source>Decay rate k of lr/(1 + k·t).</source>
        <translation>lr/(1 + k·t) 中的衰减率 k。</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>The run&apos;s name in the legend and the results (default: the optimizer&apos;s title).</source>
        <translation>运行在图例和结果表中的名称（默认为优化器的名称）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The run&apos;s colour, #RRGGBB (default: the next colour of the Okabe-Ito palette, readable with colour blindness).</source>
        <translation>运行的颜色，#RRGGBB（默认取 Okabe-Ito 调色板的下一种颜色，色盲人士也能分辨）。</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Draw the run (hidden runs keep running).</source>
        <translation>画出这次运行（隐藏的运行仍会继续运行）。</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>可见</translation>
    </message>
    <message>
        <source>Rescale the gradient so its length is at most this (torch&apos;s clip_grad_norm_); empty: no clipping.</source>
        <translation>缩放梯度，使其长度不超过此值（即 torch 的 clip_grad_norm_）；留空表示不裁剪。</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Standard deviation of Gaussian noise added to every gradient component (simulates stochastic gradients).</source>
        <translation>加到梯度每个分量上的高斯噪声的标准差（用来模拟随机梯度）。</translation>
    </message>
    <message>
        <source>Noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <source>simultaneous: every coordinate from the same gradient; sequential: one coordinate at a time, each with the gradient at the point just updated.</source>
        <translation>同时：所有坐标都用同一个梯度更新；逐个：一次更新一个坐标，每个坐标都用刚更新后那一点的梯度。</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新方式</translation>
    </message>
    <message>
        <source>Samples per gradient: 1 is SGD, b a mini-batch; empty: the whole data set (batch gradient descent). Data problems only.</source>
        <translation>每次计算梯度用的样本数：1 即随机梯度下降，b 为小批量；留空表示用整个数据集（批量梯度下降）。仅用于数据问题。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>all samples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <source>shuffle: a new permutation each epoch; replacement: samples drawn independently; without replacement: a fresh set of distinct samples each step.</source>
        <translation>打乱：每轮重新随机排列；有放回：每个样本独立抽取；无放回：每一步抽一组互不相同的新样本。</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>抽样方式</translation>
    </message>
    <message>
        <source>Keep every k-th point of the path, always the first and last (empty: every step; for swarms: final positions only).</source>
        <translation>路径上每隔 k 个点保留一个，始终保留第一个和最后一个（留空表示每一步都保留；小球群只保留最终位置）。</translation>
    </message>
    <message>
        <source>Record every</source>
        <translation>记录间隔</translation>
    </message>
    <message>
        <source>every step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <source>Networks only: updates between two evaluations of the full training loss and the validation loss and accuracy (empty: every 25).</source>
        <translation>仅用于神经网络：两次计算完整训练损失以及验证损失和准确率之间的更新次数（留空表示每 25 次）。</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>every 25</source>
        <translation>每 25 次</translation>
    </message>
    <message>
        <source>Networks only: the run&apos;s own initial weights, those torch.manual_seed(init_seed) gives a freshly built model (empty: the weights every run of the scenario shares, drawn from its seed).</source>
        <translation>仅用于神经网络：这次运行自己的初始权重，即 torch.manual_seed(init_seed) 给新建模型的权重（留空：使用场景中所有运行共享的权重，由场景的种子生成）。</translation>
    </message>
    <message>
        <source>Initial weights seed</source>
        <translation>初始权重种子</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Stop a ball once its loss J(θ) is below this.</source>
        <translation>小球的损失 J(θ) 低于此值时停止。</translation>
    </message>
    <message>
        <source>Loss below</source>
        <translation>损失低于</translation>
    </message>
    <message>
        <source>Stop a ball once its gradient&apos;s length is below this.</source>
        <translation>小球的梯度长度低于此值时停止。</translation>
    </message>
    <message>
        <source>‖g‖ below</source>
        <translation>‖g‖ 低于</translation>
    </message>
    <message>
        <source>Stop a ball once a step moves it less than this distance.</source>
        <translation>小球一步移动的距离小于此值时停止。</translation>
    </message>
    <message>
        <source>Step below</source>
        <translation>步长低于</translation>
    </message>
    <message>
        <source>Fit an intercept b beside the weights.</source>
        <translation>除权重外再拟合一个截距 b。</translation>
    </message>
    <message>
        <source>Bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>mse = 1/m Σ rᵢ² (torch&apos;s MSELoss); half_mse = 1/(2m) Σ rᵢ² (the articles&apos; J).</source>
        <translation>mse = 1/m Σ rᵢ²（torch 的 MSELoss）；half_mse = 1/(2m) Σ rᵢ²（文章中的 J）。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Replace each feature by (x − mean)/std before fitting; the landscape is then in those coordinates.</source>
        <translation>拟合前把每个特征替换为 (x − 均值)/标准差；损失曲面随之画在这些坐标中。</translation>
    </message>
    <message>
        <source>Standardize x</source>
        <translation>标准化 x</translation>
    </message>
    <message>
        <source>Penalty strength λ: adds (λ/2)·Σ wⱼ² (never b), torch&apos;s weight_decay.</source>
        <translation>惩罚强度 λ：加上 (λ/2)·Σ wⱼ²（不含 b），对应 torch 的 weight_decay。</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Slope of the line y = slope·x + intercept.</source>
        <translation>直线 y = slope·x + intercept 的斜率。</translation>
    </message>
    <message>
        <source>Slope</source>
        <translation>斜率</translation>
    </message>
    <message>
        <source>Intercept of the line (of the score).</source>
        <translation>直线（得分）的截距。</translation>
    </message>
    <message>
        <source>Intercept</source>
        <translation>截距</translation>
    </message>
    <message>
        <source>Number of samples.</source>
        <translation>样本数量。</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise added to y.</source>
        <translation>加到 y 上的高斯噪声的标准差。</translation>
    </message>
    <message>
        <source>linspace: evenly spaced over x_range, ends included; uniform: drawn uniformly.</source>
        <translation>linspace：在 x_range 上等间距取点，包含两端；uniform：均匀随机抽取。</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>[low, high] of x.</source>
        <translation>x 的范围 [low, high]。</translation>
    </message>
    <message>
        <source>x range</source>
        <translation>x 范围</translation>
    </message>
    <message>
        <source>Seed of the draws (numpy.random.default_rng).</source>
        <translation>随机抽取的种子（numpy.random.default_rng）。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Slope of the score slope·x + intercept whose sigmoid is the probability of class 1.</source>
        <translation>得分 slope·x + intercept 的斜率，得分的 sigmoid 就是属于类别 1 的概率。</translation>
    </message>
    <message>
        <source>The data set: digits (scikit-learn&apos;s bundled 8x8 digits), mnist (a copy you already have, see path), moons, circles, spirals, xor, blobs (the Playground&apos;s 2D sets), sine (a noisy sine, regression) or csv (your own file).</source>
        <translation>数据集：digits（scikit-learn 自带的 8x8 手写数字）、mnist（你已有的副本，见“路径”）、moons、circles、spirals、xor、blobs（TensorFlow Playground 的二维数据集）、sine（带噪声的正弦，回归）或 csv（你自己的文件）。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Samples: a generated set draws this many (null: 400); digits, mnist and csv use at most this many (null: all).</source>
        <translation>样本数：生成的数据集抽取这么多个（null：400）；digits、mnist 和 csv 最多使用这么多个（null：全部）。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Noise of a generated set (moons, circles, spirals, xor, blobs, sine).</source>
        <translation>生成数据集（moons、circles、spirals、xor、blobs、sine）的噪声。</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Seeds the generated data and the train/validation split.</source>
        <translation>生成数据以及划分训练集/验证集所用的随机种子。</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>mnist: a folder with the four IDX files (gzipped or not) or Keras&apos; mnist.npz; csv: a file of numbers, the last column the target. Nothing is ever downloaded.</source>
        <translation>mnist：存放四个 IDX 文件（可为 gzip 压缩）的文件夹，或 Keras 的 mnist.npz；csv：一个数字文件，最后一列是目标值。从不下载任何东西。</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Share of the samples held out for validation (mnist uses its own test files).</source>
        <translation>留作验证集的样本比例（mnist 使用自带的测试文件）。</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>The model: linear (regression), logistic (softmax regression), mlp (hidden layers) or cnn (two convolutions, for digits and mnist).</source>
        <translation>模型：linear（线性回归）、logistic（softmax 回归）、mlp（带隐藏层）或 cnn（两层卷积，用于 digits 和 mnist）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The MLP&apos;s activation between layers.</source>
        <translation>MLP 层与层之间的激活函数。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Units of one hidden layer.</source>
        <translation>一个隐藏层的神经元个数。</translation>
    </message>
    <message>
        <source>The loss: cross_entropy (classification) or mse (regression); null: the data&apos;s own.</source>
        <translation>损失函数：cross_entropy（分类）或 mse（回归）；null：按数据集而定。</translation>
    </message>
    <message>
        <source>any number</source>
        <extracomment>The words of a setting&apos;s valid range (:meth:`Param.range_text`), the notation of files kept (``[0, 1)``, ``≥ 0``); the templates wrap other range texts, outermost first.</extracomment>
        <translation>任意数</translation>
    </message>
    <message>
        <source>any whole number</source>
        <translation>任意整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>%1, or null</source>
        <translation>%1，或 null</translation>
    </message>
    <message>
        <source>two numbers, each %1</source>
        <translation>两个数，各为 %1</translation>
    </message>
    <message>
        <source>whole, %1</source>
        <translation>整数，%1</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 或 %2</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>U-curve x²</source>
        <translation>U 形曲线 x²</translation>
    </message>
    <message>
        <source>Double well</source>
        <translation>双势阱</translation>
    </message>
    <message>
        <source>Quartic with a flat inflection</source>
        <translation>带平坦拐点的四次函数</translation>
    </message>
    <message>
        <source>Forrester</source>
        <translation>Forrester 函数</translation>
    </message>
    <message>
        <source>Round bowl</source>
        <translation>圆碗</translation>
    </message>
    <message>
        <source>Elongated bowl</source>
        <translation>狭长的碗</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>条件数</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock 函数</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau 函数</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Rastrigin 函数</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley 函数</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth 函数</translation>
    </message>
    <message>
        <source>Matyas</source>
        <translation>Matyas 函数</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>三峰驼背函数</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <source>Goldstein-Price</source>
        <translation>Goldstein-Price 函数</translation>
    </message>
    <message>
        <source>Styblinski-Tang</source>
        <translation>Styblinski-Tang 函数</translation>
    </message>
    <message>
        <source>Lévi N.13</source>
        <translation>Lévi N.13 函数</translation>
    </message>
    <message>
        <source>McCormick</source>
        <translation>McCormick 函数</translation>
    </message>
    <message>
        <source>Many valleys</source>
        <translation>多谷曲面</translation>
    </message>
    <message>
        <source>Linear regression on standardised x (%1)</source>
        <extracomment>The contexts of the declared texts. Titles of the problems built from a person&apos;s choices (data problems, networks, slices of a network&apos;s loss), as gdsim/core and gdsim/nets write them; %1, %2, ... are names or numbers, each itself a title or a word of :data:`BUILT_WORDS` where it can be. The first that matches is used.</extracomment>
        <translation>标准化 x 上的线性回归（%1）</translation>
    </message>
    <message>
        <source>Linear regression (%1)</source>
        <translation>线性回归（%1）</translation>
    </message>
    <message>
        <source>Logistic regression on standardised x (cross-entropy)</source>
        <translation>标准化 x 上的逻辑回归（交叉熵）</translation>
    </message>
    <message>
        <source>Logistic regression (cross-entropy)</source>
        <translation>逻辑回归（交叉熵）</translation>
    </message>
    <message>
        <source>%1: %2 at update %3, %4</source>
        <translation>%1：%2 第 %3 次更新处，%4</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1，数据集 %2</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <extracomment>Words inside built titles (network models, slice directions).</extracomment>
        <translation>线性回归</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>random directions</source>
        <translation>随机方向</translation>
    </message>
    <message>
        <source>principal directions</source>
        <translation>主成分方向</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
</context>
</TS>
