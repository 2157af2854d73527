# 网站名称。医院名称、电话和急救电话来自 site.yaml 的 `hospital:`。
site-title = 患者须知
site-description = 用通俗易懂的语言，介绍{ $hospital }的各项检查和手术，以及如何做好准备。

# 语言
language-self-name = 简体中文
language-name =
    { $code ->
        [en] 英文
        [zh] 简体中文
       *[other] { $code }
    }
choose-language = 阅读中文版患者须知
language-switcher-label = 阅读其他语言版本：
not-available = 本须知尚无{ $language }版本。
available-in = 现有版本：

# 导航
skip-to-content = 跳到主要内容
nav-home = 全部须知
nav-breadcrumb-label = 导航路径

# 首页
index-heading = 按科室浏览须知
index-intro = 了解检查或手术前、中、后会发生什么。
index-count = 共 { $count } 份须知

# 须知信息
leaflet-details = 关于本须知
label-reference = 编号
label-version = 版本
label-reviewed = 最近审核
label-review-due = 下次审核
label-department = 科室
label-tags = 主题
toc-heading = 目录
draft-badge = 草稿

# 打印
print-leaflet = 打印本须知
print-version = 打印版
back-to-online = 返回在线版本
page-number = 第 { $page } 页，共 { $pages } 页
online-version-at = 本须知的最新版本见：

# 页面未找到
notfound-title = 找不到页面
notfound-text = 抱歉，我们找不到您要访问的页面。该页面可能已移动或删除。
notfound-back = 返回须知列表

# 新建须知（`leafpress new`）：摘要、给作者的说明，以及操作须知通常有的章节
new-summary = 这项检查或治疗的过程，以及您需要做哪些准备。
new-guide = 每一节都请用简短的句子和日常用语。这样的说明不会出现在网页上。
new-section-what = 这是什么？
new-section-why = 为什么需要做？
new-section-ready = 准备工作
new-section-day = 当天
new-section-after = 之后
new-section-risks = 风险和副作用
new-section-contact = 联系我们

# 页脚
footer-text = 所有须知均提供大字版。如需其他格式（如音频或盲文）或其他语言版本的须知，请咨询工作人员。
footer-emergency = 紧急情况请拨打 { $number }。
footer-phone = 医院总机：{ $phone }
feedback-link = 告诉我们您对本须知的意见
feedback-separator = ：
feedback-subject = 须知 { $reference }，第 { $version } 版，{ $language }

# 日期
date = { $year }年{ $month }月{ $day }日
month-1 = 一月
month-2 = 二月
month-3 = 三月
month-4 = 四月
month-5 = 五月
month-6 = 六月
month-7 = 七月
month-8 = 八月
month-9 = 九月
month-10 = 十月
month-11 = 十一月
month-12 = 十二月

# 打印与 PDF
qr-code-label = 在线版本的二维码：{ $url }
download-pdf = 下载 PDF
large-print = 大字版
large-print-version = 大字版
download-large-print-pdf = 下载大字版 PDF

# 须知的信息来源
sources-heading = 信息来源
bilingual-handout = 双语版讲义
print-handout = 打印

# 搜索
search-label = 搜索{ $hospital }的须知
search-placeholder = 例如：结肠镜、胃镜
search-button = 搜索
search-searching = 正在搜索…
search-results = 找到 { $count } 份须知
search-no-results = 没有找到相关须知。请换个词再试，或按科室浏览须知。
search-results-label = 搜索结果
search-unavailable = 暂时无法搜索，请按科室浏览须知。
search-needs-javascript = 搜索功能需要启用 JavaScript。
search-listed-below = 全部须知已按科室列在下方。

# 旧地址（别名）与已停用的须知
moved-title = 本须知已移至新地址
moved-text = 本须知已有新地址。如果浏览器没有自动跳转，请点击以下链接：
withdrawn-page-title = 已停用：{ $title }
withdrawn-title = 本须知已停用
withdrawn-text = 须知《{ $title }》（{ $reference }）已于{ $date }停用。
withdrawn-reason = 原因：{ $reason }
withdrawn-replaced = 取代本须知的是以下须知：
withdrawn-ask = 如对您的治疗有疑问，请咨询负责您的医护团队，或致电医院：{ $phone }。
withdrawn-ask-no-phone = 如对您的治疗有疑问，请咨询负责您的医护团队。
