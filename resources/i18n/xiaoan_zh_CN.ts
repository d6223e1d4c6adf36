<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Activity</name>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in refused (wrong password or PIN)</source>
        <translation>登录被拒绝（密码或 PIN 码错误）</translation>
    </message>
    <message>
        <source>Set up the school</source>
        <translation>创建学校</translation>
    </message>
    <message>
        <source>Edited the school profile</source>
        <translation>修改学校信息</translation>
    </message>
    <message>
        <source>Added a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Edited a user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>Activated a user</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <source>Deactivated a user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Reset a user&apos;s password or PIN</source>
        <translation>重置用户密码或 PIN 码</translation>
    </message>
    <message>
        <source>Changed own password or PIN</source>
        <translation>修改本人密码或 PIN 码</translation>
    </message>
    <message>
        <source>Unlocked a user</source>
        <translation>解锁用户</translation>
    </message>
    <message>
        <source>Made a backup</source>
        <translation>手动备份数据</translation>
    </message>
    <message>
        <source>Started an inspection</source>
        <translation>开始安全检查</translation>
    </message>
    <message>
        <source>Recorded inspection results</source>
        <translation>填写检查结果</translation>
    </message>
    <message>
        <source>Finalized an inspection</source>
        <translation>检查定稿</translation>
    </message>
    <message>
        <source>Corrected an inspection</source>
        <translation>更正检查记录</translation>
    </message>
    <message>
        <source>Reported a hazard</source>
        <translation>上报隐患</translation>
    </message>
    <message>
        <source>Set a rectification plan</source>
        <translation>制定整改方案</translation>
    </message>
    <message>
        <source>Started rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>Marked a hazard fixed</source>
        <translation>隐患整改完成</translation>
    </message>
    <message>
        <source>Re-checked a hazard</source>
        <translation>隐患复查</translation>
    </message>
    <message>
        <source>Marked a major hazard</source>
        <translation>认定重大隐患</translation>
    </message>
    <message>
        <source>Monitored a major hazard</source>
        <translation>重大隐患监控</translation>
    </message>
    <message>
        <source>Reported a hazard upward</source>
        <translation>隐患上报上级</translation>
    </message>
    <message>
        <source>Added a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Today&apos;s automatic backup was saved.</source>
        <translation>今日自动备份已完成。</translation>
    </message>
    <message>
        <source>The automatic backup failed: {reason}</source>
        <translation>自动备份失败：{reason}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>dddd, d MMMM yyyy</source>
        <translation>yyyy年M月d日 dddd</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>学校名称：</translation>
    </message>
    <message>
        <source>School code:</source>
        <translation>学校代码：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>学校类型：</translation>
    </message>
    <message>
        <source>Boarding students:</source>
        <translation>寄宿生：</translation>
    </message>
    <message>
        <source>School buses:</source>
        <translation>校车：</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>所属区县：</translation>
    </message>
    <message>
        <source>Data backup</source>
        <translation>数据备份</translation>
    </message>
    <message>
        <source>Last backup:</source>
        <translation>最近备份：</translation>
    </message>
    <message>
        <source>Today&apos;s backup:</source>
        <translation>今日备份：</translation>
    </message>
    <message>
        <source>Backups kept:</source>
        <translation>保留备份数：</translation>
    </message>
    <message>
        <source>A backup is made automatically once a day while xiaoan is open. Copy the backups folder to a USB stick from time to time.</source>
        <translation>校安运行期间每天自动备份一次。请定期把备份文件夹复制到 U 盘保存。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Not yet today</source>
        <translation>今天尚未备份</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>最近操作记录</translation>
    </message>
    <message>
        <source>My recent activity</source>
        <translation>我的最近操作</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to xiaoan</source>
        <translation>欢迎使用校安</translation>
    </message>
    <message>
        <source>xiaoan keeps your school&apos;s safety records: inspections and hazards, drills, the responsibility grid and duty rosters. Everything is stored on this computer and works without the internet.

First enter your school&apos;s details and create the principal&apos;s account. The principal can then add the other staff.</source>
        <translation>校安用于记录学校安全工作：安全检查与隐患排查治理、应急演练、网格化责任分工和值班值宿。所有数据保存在本机，不联网也能使用。

请先填写学校基本信息，并创建校长账号。之后由校长添加其他教职工。</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Your school</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>These details appear on every printed form.</source>
        <translation>这些信息会出现在每一份打印的表单上。</translation>
    </message>
    <message>
        <source>e.g. Dongfeng Township Central School</source>
        <translation>例如：东风乡中心学校</translation>
    </message>
    <message>
        <source>the code given by the education bureau</source>
        <translation>教育局分配的学校代码</translation>
    </message>
    <message>
        <source>Students board at the school</source>
        <translation>有住校生（寄宿制学校）</translation>
    </message>
    <message>
        <source>The school runs school buses</source>
        <translation>学校有校车</translation>
    </message>
    <message>
        <source>School name:</source>
        <translation>学校名称：</translation>
    </message>
    <message>
        <source>School code:</source>
        <translation>学校代码：</translation>
    </message>
    <message>
        <source>Kind of school:</source>
        <translation>学校类型：</translation>
    </message>
    <message>
        <source>District or county:</source>
        <translation>所属区县：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>The principal&apos;s account</source>
        <translation>校长账号</translation>
    </message>
    <message>
        <source>The principal signs in with this account and manages everyone else&apos;s.</source>
        <translation>校长用此账号登录，并管理其他人员的账号。</translation>
    </message>
    <message>
        <source>e.g. zhangli (no spaces)</source>
        <translation>例如：zhangli（不含空格）</translation>
    </message>
    <message>
        <source>Principal&apos;s name:</source>
        <translation>校长姓名：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>xiaoan — first start</source>
        <translation>校安 — 首次使用</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>never</source>
        <translation>从未备份</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Hazards</name>
    <message>
        <source>Plan…</source>
        <translation>制定整改方案…</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>Mark fixed…</source>
        <translation>整改完成…</translation>
    </message>
    <message>
        <source>Re-check passed…</source>
        <translation>复查合格…</translation>
    </message>
    <message>
        <source>Re-check failed…</source>
        <translation>复查不合格…</translation>
    </message>
    <message>
        <source>School cannot fix…</source>
        <translation>学校无法整改…</translation>
    </message>
    <message>
        <source>Monitoring entry…</source>
        <translation>监控记录…</translation>
    </message>
    <message>
        <source>Choose a hazard in the ledger.</source>
        <translation>请在台账中选择一条隐患。</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>{status} (overdue)</source>
        <translation>{status}（逾期）</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>隐患等级：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <source>Reported:</source>
        <translation>上报：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>情况描述：</translation>
    </message>
    <message>
        <source>Responsible person:</source>
        <translation>整改责任人：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>整改时限：</translation>
    </message>
    <message>
        <source>Measures:</source>
        <translation>整改措施：</translation>
    </message>
    <message>
        <source>Funds (yuan):</source>
        <translation>整改资金（元）：</translation>
    </message>
    <message>
        <source>Source of funds:</source>
        <translation>资金来源：</translation>
    </message>
    <message>
        <source>Interim safeguard:</source>
        <translation>整改期间防范措施：</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>整改情况：</translation>
    </message>
    <message>
        <source>Re-check:</source>
        <translation>复查情况：</translation>
    </message>
    <message>
        <source>School cannot fix:</source>
        <translation>学校无法整改：</translation>
    </message>
    <message>
        <source>Monitoring missed on: {days}</source>
        <translation>以下日期监控次数不足：{days}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理过程</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Re-check passed</source>
        <translation>复查合格</translation>
    </message>
    <message>
        <source>Re-check failed</source>
        <translation>复查不合格</translation>
    </message>
    <message>
        <source>Why it failed:</source>
        <translation>不合格原因：</translation>
    </message>
    <message>
        <source>Passing the re-check closes the hazard (销号).</source>
        <translation>复查合格后，该隐患即予销号。</translation>
    </message>
    <message>
        <source>School cannot fix</source>
        <translation>学校无法整改</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>The hazard is marked for a written report to the education bureau.</source>
        <translation>该隐患将标记为需向教育局书面报告。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Rectification plan</source>
        <translation>整改方案</translation>
    </message>
    <message>
        <source>What will be done, step by step</source>
        <translation>逐项写明整改措施</translation>
    </message>
    <message>
        <source>How people are kept safe until it is fixed</source>
        <translation>整改完成前如何保障师生安全</translation>
    </message>
    <message>
        <source>yuan, e.g. 1200.50</source>
        <translation>单位：元，如 1200.50</translation>
    </message>
    <message>
        <source>e.g. school public funds</source>
        <translation>如：学校公用经费</translation>
    </message>
    <message>
        <source>Mark as fixed</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <source>What was done to fix it</source>
        <translation>写明采取了哪些整改措施</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>整改情况：</translation>
    </message>
    <message>
        <source>Evidence photos:</source>
        <translation>整改照片：</translation>
    </message>
    <message>
        <source>Monitoring entry</source>
        <translation>重大隐患监控记录</translation>
    </message>
    <message>
        <source>What you saw and measured</source>
        <translation>观察和测量到的情况</translation>
    </message>
    <message>
        <source>Observation:</source>
        <translation>监控情况：</translation>
    </message>
    <message>
        <source>Condition:</source>
        <translation>隐患状况：</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已制定整改方案</translation>
    </message>
    <message>
        <source>Being fixed</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Fixed, awaiting re-check</source>
        <translation>已整改，待复查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>较大</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Found again</source>
        <translation>再次检查发现</translation>
    </message>
    <message>
        <source>Rectification planned</source>
        <translation>制定整改方案</translation>
    </message>
    <message>
        <source>Work started</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>Marked fixed</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <source>Re-check passed, closed</source>
        <translation>复查合格，销号</translation>
    </message>
    <message>
        <source>Reported upward: school cannot fix</source>
        <translation>书面上报（学校无法整改）</translation>
    </message>
    <message>
        <source>Treated as a major hazard</source>
        <translation>认定为重大隐患</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>重大隐患监控</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>Getting worse</source>
        <translation>有发展</translation>
    </message>
    <message>
        <source>Immediate danger</source>
        <translation>危险，需立即处置</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>隐患编号</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>上报日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Overdue: the deadline has passed.</source>
        <translation>已逾期：超过整改时限。</translation>
    </message>
    <message>
        <source>The school cannot fix this itself; reported upward.</source>
        <translation>学校无法自行整改，已书面上报。</translation>
    </message>
    <message>
        <source>Hazard ledger</source>
        <translation>隐患整改台账</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (not closed)</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <source>Major only</source>
        <translation>仅看重大隐患</translation>
    </message>
    <message>
        <source>Reported from</source>
        <translation>上报日期从</translation>
    </message>
    <message>
        <source>Search title, place or number</source>
        <translation>搜索隐患名称、地点或编号</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>{n} hazards</source>
        <translation>共 {n} 条隐患</translation>
    </message>
</context>
<context>
    <name>Incidents</name>
    <message>
        <source>Report an incident</source>
        <translation>上报突发事件</translation>
    </message>
    <message>
        <source>e.g. playground, Grade 3 classroom</source>
        <translation>如：操场、三年级教室</translation>
    </message>
    <message>
        <source>What happened, in a few sentences</source>
        <translation>简要说明事件经过</translation>
    </message>
    <message>
        <source>First aid, calls made, area closed…</source>
        <translation>现场救护、已拨打的电话、封闭现场等</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>未成年</translation>
    </message>
    <message>
        <source>Injury</source>
        <translation>受伤情况</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>添加涉及人员</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>事件类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>事件等级</translation>
    </message>
    <message>
        <source>Discovered at</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件经过</translation>
    </message>
    <message>
        <source>Immediate actions</source>
        <translation>已采取的处置措施</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>e.g. district education bureau</source>
        <translation>如：区教育局安全股</translation>
    </message>
    <message>
        <source>What was reported</source>
        <translation>报告内容</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>报告对象</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Close the incident</source>
        <translation>事件结案</translation>
    </message>
    <message>
        <source>How it was dealt with and what follows</source>
        <translation>处置结果及后续工作</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>结案说明</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Discovered</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Phone report (30 min)</source>
        <translation>电话报告（30分钟）</translation>
    </message>
    <message>
        <source>Written report (2 h)</source>
        <translation>书面报告（2小时）</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Phone report made</source>
        <translation>电话已报告</translation>
    </message>
    <message>
        <source>Written report made</source>
        <translation>书面已报告</translation>
    </message>
    <message>
        <source>Follow-up report</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Choose an incident to see its record.</source>
        <translation>选择一起事件查看详情。</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话报告</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>书面报告</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>未登记。</translation>
    </message>
    <message>
        <source>Reports made</source>
        <translation>报告记录</translation>
    </message>
    <message>
        <source>No report logged yet.</source>
        <translation>尚未登记任何报告。</translation>
    </message>
    <message>
        <source>, minor</source>
        <translation>，未成年</translation>
    </message>
    <message>
        <source> to {whom}</source>
        <translation>，报 {whom}</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>突发事件</translation>
    </message>
    <message>
        <source>Phone report within 30 minutes of discovery, written report within 2 hours, follow-ups as things develop.</source>
        <translation>发现后 30 分钟内电话报告，2 小时内书面报告，并根据事态进展及时续报。</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>只看未结案</translation>
    </message>
    <message>
        <source>Saved and queued for sending.</source>
        <translation>已保存，正在优先上报同步。</translation>
    </message>
</context>
<context>
    <name>Inspections</name>
    <message>
        <source>Pass (P)</source>
        <translation>合格 (P)</translation>
    </message>
    <message>
        <source>Fail (F)</source>
        <translation>不合格 (F)</translation>
    </message>
    <message>
        <source>Not applicable (N)</source>
        <translation>不适用 (N)</translation>
    </message>
    <message>
        <source>Note (what was found); Enter saves and moves on</source>
        <translation>情况说明（发现的问题）；按回车保存并进入下一项</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Keys: P pass · F fail · N not applicable · Enter next item. Photos can be dropped here.</source>
        <translation>按键：P 合格 · F 不合格 · N 不适用 · 回车 下一项。可将照片直接拖到此处。</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>情况说明：</translation>
    </message>
    <message>
        <source>Photos of this item:</source>
        <translation>本项照片：</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>All other items pass</source>
        <translation>其余各项均合格</translation>
    </message>
    <message>
        <source>Finalize…</source>
        <translation>确认提交…</translation>
    </message>
    <message>
        <source>Start a correction…</source>
        <translation>更正记录…</translation>
    </message>
    <message>
        <source>Inspectors: {names}</source>
        <translation>检查人：{names}</translation>
    </message>
    <message>
        <source>Finalized {time}</source>
        <translation>已于 {time} 确认提交</translation>
    </message>
    <message>
        <source>Correction: {note}</source>
        <translation>更正：{note}</translation>
    </message>
    <message>
        <source>{done} of {total} answered, {failed} failed</source>
        <translation>已查 {done}/{total} 项，不合格 {failed} 项</translation>
    </message>
    <message>
        <source>This inspection is finalized; start a correction to change it.</source>
        <translation>该检查已确认提交，如需修改请更正记录。</translation>
    </message>
    <message>
        <source>Finalized: {failed} failed items, {new} new hazards in the ledger, {joined} added to open hazards.</source>
        <translation>已确认提交：不合格 {failed} 项，新增隐患 {new} 条记入台账，{joined} 项并入未销号隐患。</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>新建检查</translation>
    </message>
    <message>
        <source>e.g. teaching building</source>
        <translation>如：教学楼</translation>
    </message>
    <message>
        <source>responsibility zone, if any</source>
        <translation>所属责任区（如有）</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>检查类型：</translation>
    </message>
    <message>
        <source>Checklists:</source>
        <translation>检查表：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>检查地点：</translation>
    </message>
    <message>
        <source>Zone:</source>
        <translation>责任区：</translation>
    </message>
    <message>
        <source>Inspecting with:</source>
        <translation>同行检查人：</translation>
    </message>
    <message>
        <source>Finalize the inspection</source>
        <translation>确认提交检查记录</translation>
    </message>
    <message>
        <source>{items} items answered, {failed} failed. Each failed item goes into the hazard ledger (or joins the open hazard already found there). After finalizing, this record can no longer be changed.</source>
        <translation>共检查 {items} 项，不合格 {failed} 项。每个不合格项都将记入隐患台账（已有同一未销号隐患的，并入该隐患）。确认提交后，本记录不能再修改。</translation>
    </message>
    <message>
        <source>Overall note (optional)</source>
        <translation>总体情况说明（可不填）</translation>
    </message>
    <message>
        <source>I, {name}, carried out this inspection and confirm the answers.</source>
        <translation>本人{name}参加了此次检查，确认以上检查结果属实。</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>确认提交</translation>
    </message>
    <message>
        <source>Start a correction</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>A correction is a new inspection with the same answers that refers to this one; the finalized record stays as it is.</source>
        <translation>更正将新建一份引用本记录、检查结果相同的检查记录；已提交的原记录保持不变。</translation>
    </message>
    <message>
        <source>What is being corrected</source>
        <translation>更正的内容和原因</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Lead inspector</source>
        <translation>带队检查人</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>Finalized (correction)</source>
        <translation>已提交（更正）</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Safety inspections</source>
        <translation>安全检查</translation>
    </message>
    <message>
        <source>Patrols and checks are done to a checklist. Failed items go into the hazard ledger when the inspection is finalized.</source>
        <translation>巡查和检查按检查表逐项进行。检查确认提交后，不合格项记入隐患台账。</translation>
    </message>
    <message>
        <source>New inspection…</source>
        <translation>新建检查…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>In progress only</source>
        <translation>仅看检查中</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>xiaoan — sign in</source>
        <translation>校安 — 登录</translation>
    </message>
    <message>
        <source>xiaoan</source>
        <translation>校安</translation>
    </message>
    <message>
        <source>School safety records</source>
        <translation>学校安全工作台账</translation>
    </message>
    <message>
        <source>choose or type a user name</source>
        <translation>选择或输入用户名</translation>
    </message>
    <message>
        <source>password or 6-digit PIN</source>
        <translation>密码或 6 位 PIN 码</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password or PIN:</source>
        <translation>密码或 PIN 码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Choose or type your user name.</source>
        <translation>请选择或输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password or PIN.</source>
        <translation>请输入密码或 PIN 码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>xiaoan — {school}</source>
        <translation>校安 — {school}</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Last backup: {time}</source>
        <translation>最近备份：{time}</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Safety inspections</source>
        <translation>安全检查</translation>
    </message>
    <message>
        <source>Hazard ledger</source>
        <translation>隐患台账</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>突发事件</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Something went wrong and the action was not completed. Please try again.</source>
        <translation>出现问题，操作未完成。请重试。</translation>
    </message>
    <message>
        <source>Something went wrong and the action was not completed. The details were written to {path}.</source>
        <translation>出现问题，操作未完成。详细情况已记录在 {path}。</translation>
    </message>
    <message>
        <source>xiaoan</source>
        <translation>校安</translation>
    </message>
</context>
<context>
    <name>Photos</name>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos ({patterns})</source>
        <translation>照片 ({patterns})</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>添加照片文件夹</translation>
    </message>
</context>
<context>
    <name>Secret</name>
    <message>
        <source>Password (at least 8 characters)</source>
        <translation>密码（至少 8 位）</translation>
    </message>
    <message>
        <source>PIN (6 digits)</source>
        <translation>PIN 码（6 位数字）</translation>
    </message>
    <message>
        <source>Sign in with:</source>
        <translation>登录方式：</translation>
    </message>
    <message>
        <source>Password or PIN:</source>
        <translation>密码或 PIN 码：</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 位数字</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>The two entries are not the same. Type them again.</source>
        <translation>两次输入不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>A new language applies the next time xiaoan starts.</source>
        <translation>更改语言后，下次启动校安时生效。</translation>
    </message>
    <message>
        <source>Language of the program:</source>
        <translation>程序语言：</translation>
    </message>
    <message>
        <source>Saved. The new language applies the next time xiaoan starts.</source>
        <translation>已保存。新语言将在下次启动校安时生效。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>数据备份</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Your role ({role}) may not make backups by hand. The daily automatic backup still runs.</source>
        <translation>您的角色（{role}）无权手动备份。每日自动备份照常进行。</translation>
    </message>
    <message>
        <source>A backup is also made automatically once a day. The newest 14 are kept.</source>
        <translation>系统每天还会自动备份一次，保留最近 14 份。</translation>
    </message>
    <message>
        <source>Backup saved: {file}</source>
        <translation>备份已保存：{file}</translation>
    </message>
    <message>
        <source>My password or PIN</source>
        <translation>我的密码或 PIN 码</translation>
    </message>
    <message>
        <source>Current password or PIN:</source>
        <translation>当前密码或 PIN 码：</translation>
    </message>
    <message>
        <source>New password or PIN:</source>
        <translation>新密码或 PIN 码：</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Changed. Use the new one the next time you sign in.</source>
        <translation>已修改。下次登录请使用新的密码或 PIN 码。</translation>
    </message>
    <message>
        <source>About xiaoan</source>
        <translation>关于校安</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Data schema revision:</source>
        <translation>数据结构版本：</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Sign with the mouse or a pen. Delete clears.</source>
        <translation>用鼠标或手写笔签名，按 Delete 键清除。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>xiaoan cannot start</source>
        <translation>校安无法启动</translation>
    </message>
    <message>
        <source>Nothing has been changed.</source>
        <translation>未做任何改动。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>e.g. Grade 3 class teacher</source>
        <translation>例如：三年级班主任</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Post:</source>
        <translation>岗位：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>New password or PIN for {name}</source>
        <translation>为{name}设置新密码或 PIN 码</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>Until {time}</source>
        <translation>至 {time}</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Everyone who uses xiaoan on this computer has an account. Staff usually sign in with a 6-digit PIN.</source>
        <translation>在本机使用校安的每个人都有自己的账号。教职工一般用 6 位 PIN 码登录。</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>New password or PIN…</source>
        <translation>重置密码或 PIN 码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>{name} has a new password or PIN.</source>
        <translation>已为{name}设置新的密码或 PIN 码。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Principal</source>
        <translation>校长</translation>
    </message>
    <message>
        <source>Safety officer</source>
        <translation>安全主任</translation>
    </message>
    <message>
        <source>Duty staff</source>
        <translation>值班人员</translation>
    </message>
    <message>
        <source>Security guard</source>
        <translation>保安</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>教职工</translation>
    </message>
    <message>
        <source>Bureau administrator</source>
        <translation>教育局管理员</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Your role ({role}) may not do this. Ask the principal.</source>
        <translation>您的角色（{role}）无权进行此操作，请联系校长。</translation>
    </message>
    <message>
        <source>A PIN is exactly 6 digits.</source>
        <translation>PIN 码必须是 6 位数字。</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess. Choose another.</source>
        <translation>此 PIN 码太容易被猜到，请换一个。</translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>A user name is 2 to 32 characters without spaces.</source>
        <translation>用户名为 2 到 32 个字符，不能有空格。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>A name can have at most 50 characters.</source>
        <translation>姓名最多 50 个字符。</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <source>The user name {username} is already taken.</source>
        <translation>用户名 {username} 已被占用。</translation>
    </message>
    <message>
        <source>Set up the school first.</source>
        <translation>请先创建学校。</translation>
    </message>
    <message>
        <source>This user no longer exists.</source>
        <translation>该用户已不存在。</translation>
    </message>
    <message>
        <source>The school needs at least one active principal account. Add another first.</source>
        <translation>学校至少要有一个启用的校长账号，请先添加另一个校长账号。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>The current password or PIN is wrong.</source>
        <translation>当前密码或 PIN 码不正确。</translation>
    </message>
    <message>
        <source>Wrong user name, password or PIN.</source>
        <translation>用户名、密码或 PIN 码不正确。</translation>
    </message>
    <message>
        <source>{name} has no password on this computer yet. Ask the principal to set one.</source>
        <translation>{name}在本机还没有设置密码，请校长为其设置。</translation>
    </message>
    <message>
        <source>Wrong user name, password or PIN. {left} more wrong attempts lock the account for 15 minutes.</source>
        <translation>用户名、密码或 PIN 码不正确。再错 {left} 次，账号将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>Too many wrong attempts: this account is locked until {time}. The principal can unlock it.</source>
        <translation>错误次数过多，账号已锁定至 {time}。校长可以为其解锁。</translation>
    </message>
    <message>
        <source>A chosen photo is no longer in the store.</source>
        <translation>所选照片已不在照片库中。</translation>
    </message>
    <message>
        <source>{path} is not a photo that can be read (JPEG or PNG).</source>
        <translation>{path} 不是可读取的照片（JPEG 或 PNG）。</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
        <source>Audit entry #{seq} (id {id}) of device {device} was changed after it was written.</source>
        <translation>设备 {device} 的操作日志 #{seq}（编号 {id}）在写入后被修改过。</translation>
    </message>
    <message>
        <source>Audit entry #{seq} of device {device} is missing: it was deleted.</source>
        <translation>设备 {device} 的操作日志 #{seq} 缺失：已被删除。</translation>
    </message>
    <message>
        <source>Audit entry #{seq} (id {id}) of device {device} does not follow the entry before it.</source>
        <translation>设备 {device} 的操作日志 #{seq}（编号 {id}）与上一条衔接不上。</translation>
    </message>
    <message>
        <source>Audit entry #{seq} of device {device} is missing from the end of the trail: it was deleted.</source>
        <translation>设备 {device} 操作日志末尾的 #{seq} 缺失：已被删除。</translation>
    </message>
    <message>
        <source>{path} already holds a school&apos;s data. Choose an empty folder for the demo.</source>
        <translation>{path} 中已有学校数据。请为演示数据选择一个空文件夹。</translation>
    </message>
    <message>
        <source>the field {field} is missing or empty</source>
        <translation>缺少字段 {field} 或该字段为空</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>not valid JSON ({error})</source>
        <translation>不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>each line must be a JSON object</source>
        <translation>每一行都必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>bad template code {code}</source>
        <translation>模板代码 {code} 不正确</translation>
    </message>
    <message>
        <source>the version must be a whole number from 1</source>
        <translation>版本号必须是从 1 开始的整数</translation>
    </message>
    <message>
        <source>kinds must be a list of inspection kinds</source>
        <translation>kinds 必须是检查类型的列表</translation>
    </message>
    <message>
        <source>bad item code {code}</source>
        <translation>检查项代码 {code} 不正确</translation>
    </message>
    <message>
        <source>the item code {code} appears twice</source>
        <translation>检查项代码 {code} 重复出现</translation>
    </message>
    <message>
        <source>unknown area {area}</source>
        <translation>未知的检查领域 {area}</translation>
    </message>
    <message>
        <source>the risk group must be 人, 物, 管 or 环, not {group}</source>
        <translation>风险类别必须是人、物、管或环，不能是 {group}</translation>
    </message>
    <message>
        <source>the severity must be general, serious or major, not {severity}</source>
        <translation>严重程度必须是 general（一般）、serious（较大）或 major（重大），不能是 {severity}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>the template has no items</source>
        <translation>模板中没有检查项</translation>
    </message>
    <message>
        <source>cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
    <message>
        <source>No Chinese font for printing was found. Tried: {paths}. Install the WenQuanYi Micro Hei font (fonts-wqy-microhei) or set the font file in Settings.</source>
        <translation>找不到用于打印的中文字体。已尝试：{paths}。请安装文泉驿微米黑字体（fonts-wqy-microhei），或在设置中指定字体文件。</translation>
    </message>
    <message>
        <source>There is no form called {key}. Forms: {known}.</source>
        <translation>没有名为 {key} 的表单。现有表单：{known}。</translation>
    </message>
    <message>
        <source>Primary school</source>
        <translation>小学</translation>
    </message>
    <message>
        <source>Secondary school</source>
        <translation>中学</translation>
    </message>
    <message>
        <source>Nine-year school</source>
        <translation>九年一贯制学校</translation>
    </message>
    <message>
        <source>Kindergarten</source>
        <translation>幼儿园</translation>
    </message>
    <message>
        <source>Enter the school&apos;s name.</source>
        <translation>请输入学校名称。</translation>
    </message>
    <message>
        <source>The school name can have at most 100 characters.</source>
        <translation>学校名称最多 100 个字符。</translation>
    </message>
    <message>
        <source>Enter the school code given by the education bureau (2 to 32 letters, digits or dashes).</source>
        <translation>请输入教育局分配的学校代码（2 到 32 位字母、数字或短横线）。</translation>
    </message>
    <message>
        <source>Choose the kind of school.</source>
        <translation>请选择学校类型。</translation>
    </message>
    <message>
        <source>This data folder already has a school.</source>
        <translation>此数据文件夹中已有学校。</translation>
    </message>
    <message>
        <source>The signature could not be read. Sign again.</source>
        <translation>无法读取签名，请重新签名。</translation>
    </message>
    <message>
        <source>Sign on the pad first.</source>
        <translation>请先在签名板上签名。</translation>
    </message>
    <message>
        <source>The signature is too long. Clear the pad and sign again.</source>
        <translation>签名笔画过多，请清空签名板后重新签名。</translation>
    </message>
    <message>
        <source>The signature picture must be a PNG of at most 512 KB.</source>
        <translation>签名图片必须是不超过 512 KB 的 PNG 文件。</translation>
    </message>
    <message>
        <source>This signature no longer exists.</source>
        <translation>该签名已不存在。</translation>
    </message>
    <message>
        <source>This signature already has its picture; it cannot change.</source>
        <translation>该签名已有图片，不能更改。</translation>
    </message>
    <message>
        <source>This staff member no longer exists.</source>
        <translation>该教职工已不存在。</translation>
    </message>
    <message>
        <source>A post can have at most 100 characters.</source>
        <translation>岗位最多 100 个字符。</translation>
    </message>
    <message>
        <source>A phone number has only digits, spaces, + and -.</source>
        <translation>电话号码只能包含数字、空格、+ 和 -。</translation>
    </message>
    <message>
        <source>The account {username} already belongs to {name}.</source>
        <translation>账号 {username} 已属于{name}。</translation>
    </message>
    <message>
        <source>The leave cannot end before it starts.</source>
        <translation>请假结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>A leave can last at most one year.</source>
        <translation>请假时间最长为一年。</translation>
    </message>
    <message>
        <source>This leave no longer exists.</source>
        <translation>该请假记录已不存在。</translation>
    </message>
    <message>
        <source>This computer has no secure key store, so xiaoan cannot keep its sync keys. On Windows this should not happen; on Linux install and unlock a keyring (for example GNOME Keyring or KWallet), then try again.</source>
        <translation>本机没有安全密钥存储，校安无法保存同步密钥。Windows 上不应出现这种情况；在 Linux 上请安装并解锁密钥环（例如 GNOME Keyring 或 KWallet）后重试。</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be written to. Choose another folder, or ask whoever looks after this computer to allow writing there.</source>
        <translation>无法写入数据文件夹 {path}。请选择其他文件夹，或请负责这台电脑的人员开放该文件夹的写入权限。</translation>
    </message>
    <message>
        <source>The data in {path} was saved by a newer version of xiaoan (schema {revision}). Install the newer version to open it. Nothing has been changed.</source>
        <translation>{path} 中的数据由更新版本的校安保存（数据结构 {revision}）。请安装新版本后再打开。未做任何改动。</translation>
    </message>
    <message>
        <source>{path} is not a xiaoan database. Nothing has been changed. Choose an empty folder or the folder that holds xiaoan&apos;s data.</source>
        <translation>{path} 不是校安数据库。未做任何改动。请选择一个空文件夹，或存放校安数据的文件夹。</translation>
    </message>
    <message>
        <source>The scan {path} cannot be read.</source>
        <translation>扫描件 {path} 无法读取。</translation>
    </message>
    <message>
        <source>Enter the letter&apos;s title.</source>
        <translation>请输入责任书标题。</translation>
    </message>
    <message>
        <source>A title can have at most 200 characters.</source>
        <translation>标题最多 200 个字符。</translation>
    </message>
    <message>
        <source>Enter the year the letter is for.</source>
        <translation>请输入责任书所属年度。</translation>
    </message>
    <message>
        <source>A responsibility letter is signed between two different people.</source>
        <translation>安全责任书须由两个不同的人签订。</translation>
    </message>
    <message>
        <source>The signing date does not fit the letter&apos;s year {year}.</source>
        <translation>签订日期与责任书年度 {year} 不符。</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>This letter was already signed on {date}.</source>
        <translation>该责任书已于 {date} 签订。</translation>
    </message>
    <message>
        <source>Teaching building</source>
        <translation>教学楼</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>宿舍</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>校门</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>操场</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>实验室</translation>
    </message>
    <message>
        <source>Boiler room</source>
        <translation>锅炉房</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>图书室</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>请输入名称。</translation>
    </message>
    <message>
        <source>A name can have at most 100 characters.</source>
        <translation>名称最多 100 个字符。</translation>
    </message>
    <message>
        <source>List at least one safety duty of the post.</source>
        <translation>请至少列出该岗位的一项安全职责。</translation>
    </message>
    <message>
        <source>A post has at most 50 duties of at most 500 characters.</source>
        <translation>每个岗位最多 50 项职责，每项最多 500 个字符。</translation>
    </message>
    <message>
        <source>Choose the kind of zone.</source>
        <translation>请选择责任区类型。</translation>
    </message>
    <message>
        <source>Choose a zone or a post.</source>
        <translation>请选择责任区或岗位。</translation>
    </message>
    <message>
        <source>Leader on duty</source>
        <translation>值班领导</translation>
    </message>
    <message>
        <source>Duty teacher</source>
        <translation>值班教师</translation>
    </message>
    <message>
        <source>Night watch</source>
        <translation>值宿</translation>
    </message>
    <message>
        <source>Guard shift</source>
        <translation>保安值班</translation>
    </message>
    <message>
        <source>The end date cannot be before the start date.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>Enter a name of at most 50 characters.</source>
        <translation>请输入名称，最多 50 个字符。</translation>
    </message>
    <message>
        <source>Choose the kind of duty.</source>
        <translation>请选择值班类型。</translation>
    </message>
    <message>
        <source>Choose the days this duty is stood.</source>
        <translation>请选择需要值班的日子。</translation>
    </message>
    <message>
        <source>A shift cannot start and end at the same time.</source>
        <translation>班次的开始时间和结束时间不能相同。</translation>
    </message>
    <message>
        <source>This duty type no longer exists.</source>
        <translation>该值班类型已不存在。</translation>
    </message>
    <message>
        <source>{name} is on leave on {date}.</source>
        <translation>{name}在 {date} 请假。</translation>
    </message>
    <message>
        <source>This shift has a handover record and stays on the roster.</source>
        <translation>该班次已有交接班记录，须保留在值班表中。</translation>
    </message>
    <message>
        <source>Choose the people who take turns.</source>
        <translation>请选择轮流值班的人员。</translation>
    </message>
    <message>
        <source>{duty} already has {n} shifts between {start} and {end}. Replace them or choose other dates.</source>
        <translation>{duty}在 {start} 至 {end} 期间已有 {n} 个班次。请替换这些班次，或选择其他日期。</translation>
    </message>
    <message>
        <source>The shift on {date} already has a handover record; start the new rotation after it.</source>
        <translation>{date} 的班次已有交接班记录，请从该日之后开始新的轮班。</translation>
    </message>
    <message>
        <source>Choose two different shifts to swap.</source>
        <translation>请选择两个不同的班次进行调换。</translation>
    </message>
    <message>
        <source>Both shifts are the same person&apos;s; there is nothing to swap.</source>
        <translation>两个班次是同一个人的，无需调换。</translation>
    </message>
    <message>
        <source>The shift on {date} already has a handover record and cannot be swapped.</source>
        <translation>{date} 的班次已有交接班记录，不能调换。</translation>
    </message>
    <message>
        <source>The supervisor must be someone other than the responsible person.</source>
        <translation>监督人必须是责任人以外的其他人。</translation>
    </message>
    <message>
        <source>{name} no longer works here.</source>
        <translation>{name}已不在本校工作。</translation>
    </message>
    <message>
        <source>This overlaps the assignment that starts on {date}. Change that one instead.</source>
        <translation>与 {date} 开始的分工时间重叠，请修改那一条。</translation>
    </message>
    <message>
        <source>Unknown hazard status {status}.</source>
        <translation>未知的隐患状态 {status}。</translation>
    </message>
    <message>
        <source>Only the principal or a safety officer can do this.</source>
        <translation>只有校长或安全主任可以进行此操作。</translation>
    </message>
    <message>
        <source>This hazard is closed.</source>
        <translation>该隐患已销号。</translation>
    </message>
    <message>
        <source>This hazard no longer exists.</source>
        <translation>该隐患已不存在。</translation>
    </message>
    <message>
        <source>The plan of a fixed or closed hazard cannot change.</source>
        <translation>已整改或已销号的隐患，整改方案不能再修改。</translation>
    </message>
    <message>
        <source>Work can start only on a planned hazard.</source>
        <translation>只有已制定整改方案的隐患才能开始整改。</translation>
    </message>
    <message>
        <source>Only a planned hazard or one being fixed can be marked fixed.</source>
        <translation>只有已制定整改方案或正在整改的隐患才能标记为整改完成。</translation>
    </message>
    <message>
        <source>Only a fixed hazard can be re-checked.</source>
        <translation>只有已整改的隐患才能复查。</translation>
    </message>
    <message>
        <source>Your role may not record monitoring.</source>
        <translation>您的角色不能填写监控记录。</translation>
    </message>
    <message>
        <source>Write down what you observed.</source>
        <translation>请写下观察到的情况。</translation>
    </message>
    <message>
        <source>Choose the hazard&apos;s condition.</source>
        <translation>请选择隐患当前状况。</translation>
    </message>
    <message>
        <source>Only a major hazard has a monitoring record.</source>
        <translation>只有重大隐患才需要监控记录。</translation>
    </message>
    <message>
        <source>Hazard {ref} is already closed.</source>
        <translation>隐患 {ref} 已销号。</translation>
    </message>
    <message>
        <source>Describe the hazard in a short title.</source>
        <translation>请用简短的标题描述隐患。</translation>
    </message>
    <message>
        <source>Choose the area the hazard belongs to.</source>
        <translation>请选择隐患所属领域。</translation>
    </message>
    <message>
        <source>Choose the risk group: 人, 物, 管 or 环.</source>
        <translation>请选择风险类别：人、物、管或环。</translation>
    </message>
    <message>
        <source>Choose how serious the hazard is.</source>
        <translation>请选择隐患等级。</translation>
    </message>
    <message>
        <source>Enter the funds as an amount in yuan, for example 1200.50.</source>
        <translation>请以元为单位填写资金金额，例如 1200.50。</translation>
    </message>
    <message>
        <source>Name the person responsible for the rectification.</source>
        <translation>请指定整改责任人。</translation>
    </message>
    <message>
        <source>Set a deadline for the rectification.</source>
        <translation>请设定整改时限。</translation>
    </message>
    <message>
        <source>Describe the rectification measures.</source>
        <translation>请填写整改措施。</translation>
    </message>
    <message>
        <source>Describe the interim safeguard that protects people until it is fixed.</source>
        <translation>请填写整改完成前保障人员安全的临时防护措施。</translation>
    </message>
    <message>
        <source>Hazard {ref} is {status}; its plan can no longer change.</source>
        <translation>隐患 {ref} 的状态为“{status}”，整改方案已不能修改。</translation>
    </message>
    <message>
        <source>The responsible person must be an active user.</source>
        <translation>责任人必须是启用中的用户。</translation>
    </message>
    <message>
        <source>The deadline {deadline} is before the hazard was reported ({reported}).</source>
        <translation>整改时限 {deadline} 早于隐患上报时间（{reported}）。</translation>
    </message>
    <message>
        <source>Only the responsible person or the safety officer can work on this hazard.</source>
        <translation>只有责任人或安全主任可以处理此隐患。</translation>
    </message>
    <message>
        <source>Work can start only on a planned hazard; {ref} is {status}.</source>
        <translation>只有已制定整改方案的隐患才能开始整改；隐患 {ref} 的状态为“{status}”。</translation>
    </message>
    <message>
        <source>Describe what was done to fix the hazard.</source>
        <translation>请说明采取了哪些整改措施。</translation>
    </message>
    <message>
        <source>Add at least one photo showing the fix.</source>
        <translation>请至少添加一张整改后的照片。</translation>
    </message>
    <message>
        <source>Only a planned hazard or one being fixed can be marked fixed; {ref} is {status}.</source>
        <translation>只有已制定方案或正在整改的隐患才能标记为已整改；隐患 {ref} 的状态为“{status}”。</translation>
    </message>
    <message>
        <source>Say why the re-check failed.</source>
        <translation>请说明复查未通过的原因。</translation>
    </message>
    <message>
        <source>Only a fixed hazard can be re-checked; {ref} is {status}.</source>
        <translation>只有已整改的隐患才能复查；隐患 {ref} 的状态为“{status}”。</translation>
    </message>
    <message>
        <source>You fixed this hazard, so someone else must re-check it.</source>
        <translation>此隐患是您整改的，须由其他人复查。</translation>
    </message>
    <message>
        <source>Say why the school cannot fix this hazard itself.</source>
        <translation>请说明学校无法自行整改此隐患的原因。</translation>
    </message>
    <message>
        <source>{path} is not a valid enrollment file from the education bureau. Ask the bureau to send it again.</source>
        <translation>{path} 不是教育局下发的有效注册文件。请联系教育局重新发送。</translation>
    </message>
    <message>
        <source>Set up the school first, then import the enrollment file.</source>
        <translation>请先创建学校，再导入注册文件。</translation>
    </message>
    <message>
        <source>This computer is already enrolled with the bureau at {url}. Nothing was changed.</source>
        <translation>本机已在 {url} 的教育局注册，未做任何改动。</translation>
    </message>
    <message>
        <source>This computer is not enrolled with the education bureau yet. Import the enrollment file the bureau sent first.</source>
        <translation>本机尚未在教育局注册。请先导入教育局发来的注册文件。</translation>
    </message>
    <message>
        <source>The enrollment token is missing. Import the enrollment file again.</source>
        <translation>缺少注册令牌，请重新导入注册文件。</translation>
    </message>
    <message>
        <source>Choose at most one year at a time.</source>
        <translation>一次最多选择一年。</translation>
    </message>
    <message>
        <source>Write the week as year-W-number, for example 2026-W48.</source>
        <translation>请按“年-W周次”的格式填写，例如 2026-W48。</translation>
    </message>
    <message>
        <source>Choose a month from 1 to 12.</source>
        <translation>请选择 1 到 12 之间的月份。</translation>
    </message>
    <message>
        <source>Each patrol needs the place patrolled (at most 200 characters).</source>
        <translation>每次巡查都要填写巡查地点（最多 200 个字符）。</translation>
    </message>
    <message>
        <source>Describe what happened in each event.</source>
        <translation>请描述每个事件的经过。</translation>
    </message>
    <message>
        <source>The shift was not peaceful: record what happened.</source>
        <translation>本班次并非平安无事，请记录发生的情况。</translation>
    </message>
    <message>
        <source>A roll call needs both the expected and the present count.</source>
        <translation>点名须同时填写应到人数和实到人数。</translation>
    </message>
    <message>
        <source>A roll call cannot count more students present than expected.</source>
        <translation>点名的实到人数不能多于应到人数。</translation>
    </message>
    <message>
        <source>Some boarders were missing at roll call: note who and why.</source>
        <translation>点名时有住校生未到，请注明是谁及原因。</translation>
    </message>
    <message>
        <source>Only the person on this shift can record its handover.</source>
        <translation>只有本班次的值班人员才能填写交接班记录。</translation>
    </message>
    <message>
        <source>This shift no longer exists.</source>
        <translation>该班次已不存在。</translation>
    </message>
    <message>
        <source>The incoming person must be someone other than the outgoing one.</source>
        <translation>接班人必须是交班人以外的其他人。</translation>
    </message>
    <message>
        <source>This handover has been signed and can no longer be changed.</source>
        <translation>该交接班记录已签字，不能再修改。</translation>
    </message>
    <message>
        <source>This handover no longer exists.</source>
        <translation>该交接班记录已不存在。</translation>
    </message>
    <message>
        <source>Both people have signed this handover; it can no longer be changed.</source>
        <translation>交接双方均已签字，该记录不能再修改。</translation>
    </message>
    <message>
        <source>Only the two people of this handover can sign it.</source>
        <translation>只有交接双方才能在该记录上签字。</translation>
    </message>
    <message>
        <source>{name} has already signed this handover.</source>
        <translation>{name}已在该交接班记录上签字。</translation>
    </message>
    <message>
        <source>Only the outgoing and the incoming person sign a handover.</source>
        <translation>交接班记录只由交班人和接班人签字。</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已制定整改方案</translation>
    </message>
    <message>
        <source>Being fixed</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Fixed, awaiting re-check</source>
        <translation>已整改，待复查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>This inspection no longer exists.</source>
        <translation>该检查记录已不存在。</translation>
    </message>
    <message>
        <source>Daily leader patrol</source>
        <translation>领导日巡查</translation>
    </message>
    <message>
        <source>Weekly check</source>
        <translation>周检查</translation>
    </message>
    <message>
        <source>Half-monthly self-inspection</source>
        <translation>半月自查</translation>
    </message>
    <message>
        <source>Monthly full check</source>
        <translation>月度全面检查</translation>
    </message>
    <message>
        <source>Special or seasonal check</source>
        <translation>专项或季节性检查</translation>
    </message>
    <message>
        <source>Bureau spot check</source>
        <translation>教育局抽查</translation>
    </message>
    <message>
        <source>This inspection was finalized on {date} and cannot be changed. Start a correction instead.</source>
        <translation>该检查已于 {date} 定稿，不能修改。请另行发起更正。</translation>
    </message>
    <message>
        <source>Every inspector must be an active user.</source>
        <translation>每位检查人都必须是启用中的用户。</translation>
    </message>
    <message>
        <source>Choose the kind of inspection.</source>
        <translation>请选择检查类型。</translation>
    </message>
    <message>
        <source>Choose at least one checklist.</source>
        <translation>请至少选择一份检查表。</translation>
    </message>
    <message>
        <source>There is no checklist called {code}.</source>
        <translation>没有名为 {code} 的检查表。</translation>
    </message>
    <message>
        <source>An inspection cannot be dated in the future.</source>
        <translation>检查日期不能晚于今天。</translation>
    </message>
    <message>
        <source>A failed item can only be added to an open hazard.</source>
        <translation>不合格项只能归入尚未销号的隐患。</translation>
    </message>
    <message>
        <source>Choose pass, fail or not applicable.</source>
        <translation>请选择合格、不合格或不适用。</translation>
    </message>
    <message>
        <source>Only a failed item can be added to a hazard.</source>
        <translation>只有不合格项才能归入隐患。</translation>
    </message>
    <message>
        <source>This checklist item no longer exists.</source>
        <translation>该检查项已不存在。</translation>
    </message>
    <message>
        <source>Only pass or not applicable can be given to many items.</source>
        <translation>批量填写时只能选择合格或不适用。</translation>
    </message>
    <message>
        <source>{n} items have no answer yet. Answer every item before finalizing.</source>
        <translation>还有 {n} 项未填写。请填完所有检查项后再定稿。</translation>
    </message>
    <message>
        <source>Say what the correction is for.</source>
        <translation>请说明更正的原因。</translation>
    </message>
    <message>
        <source>This inspection is not finalized yet; change its answers directly.</source>
        <translation>该检查尚未定稿，请直接修改检查结果。</translation>
    </message>
    <message>
        <source>A reply from the bureau could not be verified ({reason}); it was ignored.</source>
        <translation>一份教育局回执未能通过验证（{reason}），已忽略。</translation>
    </message>
    <message>
        <source>This patrol record no longer exists.</source>
        <translation>该巡查记录已不存在。</translation>
    </message>
    <message>
        <source>This patrol found nothing to report.</source>
        <translation>本次巡查未发现需要上报的问题。</translation>
    </message>
    <message>
        <source>This finding is already in the hazard ledger.</source>
        <translation>该问题已录入隐患台账。</translation>
    </message>
    <message>
        <source>There is no inspection to print yet.</source>
        <translation>还没有可打印的检查记录。</translation>
    </message>
    <message>
        <source>There is no hazard to print yet.</source>
        <translation>还没有可打印的隐患记录。</translation>
    </message>
    <message>
        <source>{record} is not a record number.</source>
        <translation>{record} 不是有效的记录编号。</translation>
    </message>
    <message>
        <source>The ledger&apos;s dates are out of range.</source>
        <translation>台账的日期超出范围。</translation>
    </message>
    <message>
        <source>Give the ledger&apos;s dates as 2026-09-01..2026-11-30 or a month as 2026-11.</source>
        <translation>请按 2026-09-01..2026-11-30 的格式填写台账起止日期，或按 2026-11 的格式填写月份。</translation>
    </message>
    <message>
        <source>Injury</source>
        <translation>意外伤害</translation>
    </message>
    <message>
        <source>Fire</source>
        <translation>火灾</translation>
    </message>
    <message>
        <source>Food poisoning</source>
        <translation>食物中毒</translation>
    </message>
    <message>
        <source>Traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <source>Violence or bullying</source>
        <translation>暴力欺凌</translation>
    </message>
    <message>
        <source>Drowning</source>
        <translation>溺水</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>自然灾害</translation>
    </message>
    <message>
        <source>Public health</source>
        <translation>公共卫生</translation>
    </message>
    <message>
        <source>Other incident</source>
        <translation>其他事件</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>较大</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Especially major</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>教职工</translation>
    </message>
    <message>
        <source>Other person</source>
        <translation>其他人员</translation>
    </message>
    <message>
        <source>Phone report</source>
        <translation>电话报告</translation>
    </message>
    <message>
        <source>Written report</source>
        <translation>书面报告</translation>
    </message>
    <message>
        <source>Follow-up report</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Due in {time}</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>Overdue by {time}</source>
        <translation>已逾期 {time}</translation>
    </message>
    <message>
        <source>Reported on time</source>
        <translation>按时报告</translation>
    </message>
    <message>
        <source>Reported late</source>
        <translation>迟报</translation>
    </message>
    <message>
        <source>Student (name hidden)</source>
        <translation>学生（已隐去姓名）</translation>
    </message>
    <message>
        <source>This incident no longer exists.</source>
        <translation>该事件已不存在。</translation>
    </message>
    <message>
        <source>Enter the name of each person involved.</source>
        <translation>请填写每位涉及人员的姓名。</translation>
    </message>
    <message>
        <source>A name can have at most 200 characters.</source>
        <translation>姓名最多 200 个字符。</translation>
    </message>
    <message>
        <source>Choose whether the person is a student, staff or other.</source>
        <translation>请选择该人员是学生、教职工还是其他人员。</translation>
    </message>
    <message>
        <source>Choose what kind of incident this is.</source>
        <translation>请选择事件类别。</translation>
    </message>
    <message>
        <source>Choose how serious the incident is.</source>
        <translation>请选择事件等级。</translation>
    </message>
    <message>
        <source>Say where the incident happened.</source>
        <translation>请填写事件发生地点。</translation>
    </message>
    <message>
        <source>A place can have at most 200 characters.</source>
        <translation>地点最多 200 个字符。</translation>
    </message>
    <message>
        <source>Describe briefly what happened.</source>
        <translation>请简要说明事件经过。</translation>
    </message>
    <message>
        <source>The time of discovery cannot be in the future.</source>
        <translation>发现时间不能晚于现在。</translation>
    </message>
    <message>
        <source>The incident cannot have happened after it was discovered.</source>
        <translation>事件发生时间不能晚于发现时间。</translation>
    </message>
    <message>
        <source>A report time cannot be in the future.</source>
        <translation>报告时间不能晚于现在。</translation>
    </message>
    <message>
        <source>Write what the follow-up report said.</source>
        <translation>请填写续报内容。</translation>
    </message>
    <message>
        <source>A report cannot have been made before the incident was discovered.</source>
        <translation>报告时间不能早于事件发现时间。</translation>
    </message>
    <message>
        <source>The phone report is already logged and cannot be changed. Log a follow-up report instead.</source>
        <translation>电话报告已登记，不能修改。如需更正，请登记一次续报。</translation>
    </message>
    <message>
        <source>The written report is already logged and cannot be changed. Log a follow-up report instead.</source>
        <translation>书面报告已登记，不能修改。如需更正，请登记一次续报。</translation>
    </message>
    <message>
        <source>Write how the incident was dealt with before closing it.</source>
        <translation>结案前请填写事件处置情况。</translation>
    </message>
    <message>
        <source>This incident is already closed.</source>
        <translation>该事件已结案。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Created the demo school {name} in {path}.</source>
        <translation>已在 {path} 创建演示学校“{name}”。</translation>
    </message>
    <message>
        <source>Sign in as the principal: user name {user}, password {secret}</source>
        <translation>以校长身份登录：用户名 {user}，密码 {secret}</translation>
    </message>
    <message>
        <source>Other accounts (user name, name, role, PIN):</source>
        <translation>其他账号（用户名、姓名、角色、PIN 码）：</translation>
    </message>
    <message>
        <source>There is no xiaoan database in {path}.</source>
        <translation>{path} 中没有校安数据库。</translation>
    </message>
    <message>
        <source>{path} is not a xiaoan database.</source>
        <translation>{path} 不是校安数据库。</translation>
    </message>
    <message>
        <source>The database file is damaged: {first}</source>
        <translation>数据库文件已损坏：{first}</translation>
    </message>
    <message>
        <source>The audit trail has been tampered with: {problem}</source>
        <translation>操作日志被篡改：{problem}</translation>
    </message>
    <message>
        <source>Sound: the database file passes the integrity check and all {n} audit entries are intact.</source>
        <translation>正常：数据库文件通过完整性检查，全部 {n} 条操作日志完好无损。</translation>
    </message>
    <message>
        <source>No such active user.</source>
        <translation>没有这个启用中的用户。</translation>
    </message>
    <message>
        <source>Wrote {path} (record {id}).</source>
        <translation>已生成 {path}（记录 {id}）。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>matches: record {id} is unchanged since printing.</source>
        <translation>一致：记录 {id} 自打印以来未被修改。</translation>
    </message>
    <message>
        <source>record changed since printing: record {id} now differs from this paper.</source>
        <translation>打印后记录已变更：记录 {id} 现在与这份纸质文件不一致。</translation>
    </message>
    <message>
        <source>unknown record: {id} is not in this database.</source>
        <translation>未知记录：本数据库中没有 {id}。</translation>
    </message>
    <message>
        <source>no verification footer: this PDF was not printed by xiaoan.</source>
        <translation>没有验证页脚：此 PDF 不是由校安打印的。</translation>
    </message>
    <message>
        <source>{date}: nobody on {duty}</source>
        <translation>{date}：{duty}无人值班</translation>
    </message>
    <message>
        <source>{date}: holiday ({duty}) without a leader on duty</source>
        <translation>{date}：节假日（{duty}）没有值班领导</translation>
    </message>
    <message>
        <source>{date}: {person} is on leave but rostered for {duty}</source>
        <translation>{date}：{person}请假，却被排了{duty}</translation>
    </message>
    <message>
        <source>{date}: {person} no longer works here but is rostered for {duty}</source>
        <translation>{date}：{person}已不在本校工作，却被排了{duty}</translation>
    </message>
    <message>
        <source>Duty roster {start} to {end}</source>
        <translation>值班表 {start} 至 {end}</translation>
    </message>
    <message>
        <source>No gaps.</source>
        <translation>没有空缺。</translation>
    </message>
    <message>
        <source>Gaps ({n}):</source>
        <translation>空缺（{n} 处）：</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>report upward</source>
        <translation>需上报</translation>
    </message>
    <message>
        <source>Bureau fingerprint: {fp}</source>
        <translation>教育局指纹：{fp}</translation>
    </message>
    <message>
        <source>This PC&apos;s fingerprint: {fp}</source>
        <translation>本机指纹：{fp}</translation>
    </message>
    <message>
        <source>Read both fingerprints to the bureau by phone; they must match theirs.</source>
        <translation>请通过电话向教育局读出两个指纹，须与对方的一致。</translation>
    </message>
    <message>
        <source>The bureau could not be reached ({error}); the next sync will retry.</source>
        <translation>无法连接教育局（{error}），下次同步时会重试。</translation>
    </message>
    <message>
        <source>The bureau refused the registration: {error}</source>
        <translation>教育局拒绝了注册：{error}</translation>
    </message>
    <message>
        <source>Registered with the bureau at {url}.</source>
        <translation>已在 {url} 的教育局注册。</translation>
    </message>
    <message>
        <source>Bundle {seq} was quarantined by the bureau: {reason}</source>
        <translation>第 {seq} 个数据包被教育局隔离：{reason}</translation>
    </message>
    <message>
        <source>Sync stopped: {error}</source>
        <translation>同步已停止：{error}</translation>
    </message>
    <message>
        <source>Sent {uploaded} bundles; the bureau has everything up to bundle {acked}.</source>
        <translation>已发送 {uploaded} 个数据包；教育局已收到截至第 {acked} 个的全部数据包。</translation>
    </message>
    <message>
        <source>Wrote {n} bundles to {path}.</source>
        <translation>已将 {n} 个数据包写入 {path}。</translation>
    </message>
    <message>
        <source>Applied {n} replies from the bureau.</source>
        <translation>已应用 {n} 份教育局回执。</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Discovered</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Phone report</source>
        <translation>电话报告</translation>
    </message>
    <message>
        <source>Written report</source>
        <translation>书面报告</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>No incidents.</source>
        <translation>没有突发事件记录。</translation>
    </message>
</context>
</TS>
