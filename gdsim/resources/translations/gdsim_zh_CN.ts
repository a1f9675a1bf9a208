<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataPicker</name>
    <message>
        <source>Lesson %1: %2</source>
        <extracomment>Problem kind -&gt; the generator of its data. The data-set choices besides the lessons&apos; own. The generated-data settings given editors (numbers; the spacing and range keep their defaults). The losses written out beside their names (torch&apos;s names kept): rᵢ = w·xᵢ + b − yᵢ.</extracomment>
        <translation>第 %1 课:%2</translation>
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
        <translation>样本:课程中的、生成的,或自己的 CSV 文件(先是 x 列,最后是 y 列)</translation>
    </message>
    <message>
        <source>Open a CSV file…</source>
        <translation>打开 CSV 文件…</translation>
    </message>
    <message>
        <source>Comma-separated: x columns, then the y column; a first row of column names is allowed</source>
        <translation>逗号分隔:先是 x 列,最后是 y 列;第一行可以是列名</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>gdsim was made from these five articles (in Chinese).</source>
        <translation>gdsim 取材于以下五篇(中文)文章。</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Problem and runs</source>
        <extracomment>Previews of a dragged start are asked for at most this often (milliseconds). While running, the loss plot is redrawn on every this many frames that bring a new snapshot (and at once when the runs pause or finish); the views and the numbers (status bar, readout, results) on every one, so what they show always agrees. While the window shows it, the engine computes batches this long (seconds) between two frames, only while the GUI thread is idle (a snapshot is acknowledged once the frame showing it is painted). The share of the window&apos;s width the panels take in presentation mode (one column of tabs). The key of the one message that reports diverged runs. The context of the window&apos;s translated texts (menus, actions, panel titles). How many problems have been loaded (tests wait for it to grow). The file the next loaded engine belongs to (set when a file is opened or a session is new). Every registered view, by key; those that apply to the problem are shown.</extracomment>
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
        <translation>播放或暂停(空格键)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Take one step (S or →)</source>
        <translation>走一步(S 或 →)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Put every ball back at its start (R)</source>
        <translation>把每个小球放回起点(R)</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
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
        <translation>大字体和粗线条,适合投影仪</translation>
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
        <translation>在每个小球处显示 −∇J(最速下降的方向)</translation>
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
        <translation>(未找到课程)</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Lesson: %1</source>
        <translation>课程:%1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
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
        <translation>%1:%2,使用课程中的数据集、生成的数据或自己的 CSV 文件</translation>
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
        <translation>(估计值)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The loss surface the balls roll on, or a data problem</source>
        <translation>小球滚动的损失曲面,或一个数据问题</translation>
    </message>
    <message>
        <source>An option of %1; the surface is rebuilt when it changes.</source>
        <translation>%1 的选项;修改后曲面会重新生成。</translation>
    </message>
    <message>
        <source>%1; parameters %2</source>
        <translation>%1;参数 %2</translation>
    </message>
    <message>
        <source>Known minima:</source>
        <translation>已知最小值:</translation>
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
        <translation>模拟速度:从每秒 1 步到引擎的最快速度。</translation>
    </message>
</context>
</TS>
