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
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Confirmed own identity to sign</source>
        <translation>本人验证身份后签字</translation>
    </message>
    <message>
        <source>Identity check refused (wrong password or PIN)</source>
        <translation>身份验证未通过（密码或 PIN 码错误）</translation>
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
        <source>Took this new computer over for the school (first sign-in)</source>
        <translation>在新电脑上首次登录并接管本机</translation>
    </message>
    <message>
        <source>Made a backup</source>
        <translation>手动备份数据</translation>
    </message>
    <message>
        <source>Showed the recovery code</source>
        <translation>查看了恢复码</translation>
    </message>
    <message>
        <source>Restored a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Re-enrolled this data folder as a new computer</source>
        <translation>将此数据文件夹作为新电脑重新注册</translation>
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
        <source>Countersigned an inspection</source>
        <translation>校长签字确认检查记录</translation>
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
        <source>Answered a supervision order</source>
        <translation>回复教育局督办</translation>
    </message>
    <message>
        <source>Acknowledged a bureau notice</source>
        <translation>确认已阅教育局通知</translation>
    </message>
    <message>
        <source>Added a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Turned a patrol finding into a hazard</source>
        <translation>将巡查发现转为隐患</translation>
    </message>
    <message>
        <source>Recorded a shift handover</source>
        <translation>填写交接班记录</translation>
    </message>
    <message>
        <source>Signed a shift handover</source>
        <translation>交接班签字</translation>
    </message>
    <message>
        <source>Marked school holidays</source>
        <translation>设置学校假期</translation>
    </message>
    <message>
        <source>Generated a duty rotation</source>
        <translation>生成值班轮换表</translation>
    </message>
    <message>
        <source>Added a duty shift</source>
        <translation>添加值班班次</translation>
    </message>
    <message>
        <source>Removed a duty shift</source>
        <translation>删除值班班次</translation>
    </message>
    <message>
        <source>Swapped duty shifts</source>
        <translation>调换值班班次</translation>
    </message>
    <message>
        <source>Added a kind of duty</source>
        <translation>添加值班类型</translation>
    </message>
    <message>
        <source>Assigned a grid responsibility</source>
        <translation>分配网格责任</translation>
    </message>
    <message>
        <source>Ended a grid responsibility</source>
        <translation>结束网格责任</translation>
    </message>
    <message>
        <source>Recorded a responsibility letter</source>
        <translation>登记安全责任书</translation>
    </message>
    <message>
        <source>Signed a responsibility letter</source>
        <translation>签订安全责任书</translation>
    </message>
    <message>
        <source>Added a post&apos;s safety duties</source>
        <translation>添加岗位安全职责</translation>
    </message>
    <message>
        <source>Edited a post&apos;s safety duties</source>
        <translation>修改岗位安全职责</translation>
    </message>
    <message>
        <source>Added a responsibility zone</source>
        <translation>添加责任区</translation>
    </message>
    <message>
        <source>Removed a responsibility zone</source>
        <translation>删除责任区</translation>
    </message>
    <message>
        <source>Edited a responsibility zone</source>
        <translation>修改责任区</translation>
    </message>
    <message>
        <source>Reactivated a staff member</source>
        <translation>恢复教职工在职状态</translation>
    </message>
    <message>
        <source>Added a staff member</source>
        <translation>添加教职工</translation>
    </message>
    <message>
        <source>Marked a staff member as left</source>
        <translation>将教职工标记为已离校</translation>
    </message>
    <message>
        <source>Joined two entries of one person</source>
        <translation>合并同一人的两条记录</translation>
    </message>
    <message>
        <source>Recorded a staff leave</source>
        <translation>登记教职工请假</translation>
    </message>
    <message>
        <source>Cancelled a staff leave</source>
        <translation>取消教职工请假</translation>
    </message>
    <message>
        <source>Edited a staff member</source>
        <translation>修改教职工信息</translation>
    </message>
    <message>
        <source>Saved a signature picture</source>
        <translation>保存签名图片</translation>
    </message>
    <message>
        <source>Saved a drill record</source>
        <translation>保存演练记录</translation>
    </message>
    <message>
        <source>Finalized a drill record</source>
        <translation>演练记录定稿</translation>
    </message>
    <message>
        <source>Started a correction of a drill record</source>
        <translation>更正演练记录</translation>
    </message>
    <message>
        <source>Discarded a drill draft</source>
        <translation>删除演练草稿</translation>
    </message>
    <message>
        <source>Attached a drill plan document</source>
        <translation>附加演练方案文件</translation>
    </message>
    <message>
        <source>Removed a drill plan document</source>
        <translation>移除演练方案文件</translation>
    </message>
    <message>
        <source>Turned a drill problem into a hazard</source>
        <translation>演练问题转入隐患台账</translation>
    </message>
    <message>
        <source>Set the school&apos;s term dates</source>
        <translation>设置学期起止日期</translation>
    </message>
    <message>
        <source>Reported an incident</source>
        <translation>上报突发事件</translation>
    </message>
    <message>
        <source>Added a person to an incident</source>
        <translation>添加事件涉及人员</translation>
    </message>
    <message>
        <source>Logged an incident&apos;s phone report</source>
        <translation>登记电话报告</translation>
    </message>
    <message>
        <source>Logged an incident&apos;s written report</source>
        <translation>登记书面报告</translation>
    </message>
    <message>
        <source>Logged a follow-up report</source>
        <translation>登记续报</translation>
    </message>
    <message>
        <source>Closed an incident</source>
        <translation>突发事件结案</translation>
    </message>
    <message>
        <source>Prepared the monthly safety report</source>
        <translation>编写安全月报表</translation>
    </message>
    <message>
        <source>Signed the monthly safety report</source>
        <translation>签发安全月报表</translation>
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
        <source>Nothing is due or overdue. Well done.</source>
        <translation>目前没有待办或逾期事项。</translation>
    </message>
    <message>
        <source>Compliance rules {version}: {updated}</source>
        <translation>合规规则 {version}：{updated}</translation>
    </message>
    <message>
        <source>Overdue: {overdue}    To do: {due}    Done today: {done}</source>
        <translation>逾期：{overdue}    待办：{due}    今日已完成：{done}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
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
    <name>Drills</name>
    <message>
        <source>Drill record</source>
        <translation>应急演练记录</translation>
    </message>
    <message>
        <source>e.g. Autumn fire evacuation drill</source>
        <translation>如：秋季消防疏散演练</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已举行</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Which grades or building</source>
        <translation>哪些年级或哪栋楼</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>教职工</translation>
    </message>
    <message>
        <source>From the alarm to the last class at the assembly point (mm:ss)</source>
        <translation>从警报响起到最后一个班级到达集合点（分:秒）</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <source>Aims, command, routes, assembly point, roles</source>
        <translation>演练目的、指挥、疏散路线、集合点、人员分工</translation>
    </message>
    <message>
        <source>Attach plan &amp;document…</source>
        <translation>附加方案文件(&amp;D)…</translation>
    </message>
    <message>
        <source>What was done and how it went</source>
        <translation>演练经过及完成情况</translation>
    </message>
    <message>
        <source>Not rated yet</source>
        <translation>尚未评定</translation>
    </message>
    <message>
        <source>Effect evaluation: aims met, timing, order</source>
        <translation>效果评估：目的是否达到、用时、秩序</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <source>Tit&amp;le</source>
        <translation>名称(&amp;L)</translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>举行时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Taking part</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <source>Evacuation time</source>
        <translation>疏散用时</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织者</translation>
    </message>
    <message>
        <source>Observers</source>
        <translation>观摩人员</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>演练方案(&amp;P)</translation>
    </message>
    <message>
        <source>Plan documents</source>
        <translation>方案文件</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>演练总结(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>评定(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;valuation</source>
        <translation>效果评估(&amp;V)</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Hazard ledger</source>
        <translation>隐患台账</translation>
    </message>
    <message>
        <source>Add problem</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Into the &amp;hazard ledger…</source>
        <translation>录入隐患台账(&amp;H)…</translation>
    </message>
    <message>
        <source>Add p&amp;hotos…</source>
        <translation>添加照片(&amp;H)…</translation>
    </message>
    <message>
        <source>Add a &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>F2 edits a caption, Enter shows the photo large, Delete removes it, Ctrl+←/→ moves it. Photos can also be dropped here.</source>
        <translation>F2 编辑说明，回车查看大图，Delete 移除，Ctrl+←/→ 调整顺序。也可以把照片拖到这里。</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Problems found in the evaluation</source>
        <translation>评估发现的问题</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Finalize…</source>
        <translation>定稿(&amp;F)…</translation>
    </message>
    <message>
        <source>Start &amp;correction</source>
        <translation>发起更正(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save the draft first.</source>
        <translation>请先保存草稿。</translation>
    </message>
    <message>
        <source>New drill</source>
        <translation>新建演练</translation>
    </message>
    <message>
        <source>Draft (not saved yet)</source>
        <translation>草稿（尚未保存）</translation>
    </message>
    <message>
        <source>Finalized {when}; it can no longer be changed.</source>
        <translation>已于 {when} 定稿，不能再修改。</translation>
    </message>
    <message>
        <source>Replaced by the correction {ref}.</source>
        <translation>已由更正记录 {ref} 取代。</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Corrects {ref}.</source>
        <translation>更正 {ref}。</translation>
    </message>
    <message>
        <source>The problem is now in the hazard ledger.</source>
        <translation>该问题已录入隐患台账。</translation>
    </message>
    <message>
        <source>Some files were not added:</source>
        <translation>以下文件未能添加：</translation>
    </message>
    <message>
        <source>Attach the plan document</source>
        <translation>附加演练方案文件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.doc *.docx *.jpg *.jpeg *.png)</source>
        <translation>文件 (*.pdf *.doc *.docx *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Photos are still being added. Save again when they are in.</source>
        <translation>照片仍在添加中，请添加完成后再保存。</translation>
    </message>
    <message>
        <source>Finalized.</source>
        <translation>已定稿。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Finalize the drill record</source>
        <translation>演练记录定稿</translation>
    </message>
    <message>
        <source>After finalizing, the record cannot be changed; a mistake is put right with a correction. Finalize now?</source>
        <translation>定稿后记录不能再修改，如有错误需发起更正。现在定稿吗？</translation>
    </message>
    <message>
        <source>This is a correction: change what was wrong, then finalize it.</source>
        <translation>这是一份更正记录：请修改有误之处，然后定稿。</translation>
    </message>
    <message>
        <source>Into the hazard ledger</source>
        <translation>录入隐患台账</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>领域(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>举行时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Evacuation</source>
        <translation>疏散用时</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评定</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>planned {date}</source>
        <translation>计划 {date}</translation>
    </message>
    <message>
        <source>Finalized (correction)</source>
        <translation>已定稿（更正）</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>No required drills in this period.</source>
        <translation>本期没有规定的演练要求。</translation>
    </message>
    <message>
        <source>{done} of {required} held</source>
        <translation>已举行 {done}/{required} 次</translation>
    </message>
    <message>
        <source>Emergency drills</source>
        <translation>应急演练</translation>
    </message>
    <message>
        <source>&amp;New drill</source>
        <translation>新建演练(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>School &amp;terms…</source>
        <translation>学期设置(&amp;T)…</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>类型(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>{n} drills</source>
        <translation>共 {n} 次演练</translation>
    </message>
    <message>
        <source>Term dates saved.</source>
        <translation>学期日期已保存。</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos ({patterns})</source>
        <translation>照片 ({patterns})</translation>
    </message>
    <message>
        <source>Add a folder of photos (e.g. a camera card)</source>
        <translation>添加照片文件夹（如相机存储卡）</translation>
    </message>
    <message>
        <source>Photo {n} of {total}</source>
        <translation>第 {n} 张，共 {total} 张</translation>
    </message>
    <message>
        <source>Spring term</source>
        <translation>春季学期</translation>
    </message>
    <message>
        <source>Autumn term</source>
        <translation>秋季学期</translation>
    </message>
    <message>
        <source>School term dates</source>
        <translation>学期日期</translation>
    </message>
    <message>
        <source>Without dates of its own the school follows the bureau&apos;s terms: spring February to July, autumn September to January. Semester drills are counted in these terms.</source>
        <translation>未设置本校学期日期时，按教育局默认学期：春季学期 2 月至 7 月，秋季学期 9 月至次年 1 月。每学期的演练要求按这些学期统计。</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>学期</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>&amp;Add a term</source>
        <translation>添加学期(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Duty</name>
    <message>
        <source>No one on {duty}</source>
        <translation>{duty}无人值班</translation>
    </message>
    <message>
        <source>Holiday ({duty}) without a leader on duty</source>
        <translation>节假日（{duty}）无值班领导</translation>
    </message>
    <message>
        <source>{person} ({duty}) is on leave</source>
        <translation>{person}（{duty}）当天请假</translation>
    </message>
    <message>
        <source>{person} ({duty}) no longer works here</source>
        <translation>{person}（{duty}）已不在本校工作</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>On duty now</source>
        <translation>值班中</translation>
    </message>
    <message>
        <source>Handover missing</source>
        <translation>缺交接班记录</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <source>Waiting for the incoming person</source>
        <translation>待接班人签字</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已交接</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>School days</source>
        <translation>上课日</translation>
    </message>
    <message>
        <source>Weekends and holidays</source>
        <translation>周末和节假日</translation>
    </message>
    <message>
        <source> (next day)</source>
        <translation>（次日）</translation>
    </message>
    <message>
        <source>Generate a rotation</source>
        <translation>生成轮值表</translation>
    </message>
    <message>
        <source>Replace this duty&apos;s shifts in these dates</source>
        <translation>替换该值班类型在这些日期的已有排班</translation>
    </message>
    <message>
        <source>Turns are shared out evenly. People on leave are skipped; marked holidays count as rest days.</source>
        <translation>轮值平均分配。请假人员自动跳过；学校标记的节假日按休息日处理。</translation>
    </message>
    <message>
        <source>Duty:</source>
        <translation>值班类型：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <source>People (Space ticks):</source>
        <translation>轮值人员（空格键勾选）：</translation>
    </message>
    <message>
        <source>Add a duty type</source>
        <translation>添加值班类型</translation>
    </message>
    <message>
        <source>e.g. 值宿</source>
        <translation>例如：值宿</translation>
    </message>
    <message>
        <source>Must be covered every day it is stood</source>
        <translation>值班日必须有人值班</translation>
    </message>
    <message>
        <source>Boarding roll call at handover</source>
        <translation>交接班时填写住校生点名</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>结束时间：</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>值班日：</translation>
    </message>
    <message>
        <source>Mark a holiday</source>
        <translation>标记节假日</translation>
    </message>
    <message>
        <source>e.g. 国庆节</source>
        <translation>例如：国庆节</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>值班</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>值班人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Duty roster</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>周视图(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月视图(&amp;M)</translation>
    </message>
    <message>
        <source>◀ Earlier</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Later ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Generate rotation…</source>
        <translation>生成轮值…</translation>
    </message>
    <message>
        <source>Swap the two shifts</source>
        <translation>调换这两个班次</translation>
    </message>
    <message>
        <source>Add duty type…</source>
        <translation>添加值班类型…</translation>
    </message>
    <message>
        <source>Mark holiday…</source>
        <translation>标记节假日…</translation>
    </message>
    <message>
        <source>Shifts of the chosen days. Choose two to swap them.</source>
        <translation>所选日期的班次。选中两个班次即可调班。</translation>
    </message>
    <message>
        <source>Week of {start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{year}-{month}</source>
        <translation>{year} 年 {month} 月</translation>
    </message>
    <message>
        <source>{n} gaps in this period: fill them before they come.</source>
        <translation>本期有 {n} 处值班空缺，请及时补排。</translation>
    </message>
    <message>
        <source>Every duty is covered in this period.</source>
        <translation>本期所有值班均已排满。</translation>
    </message>
    <message>
        <source>No duty types yet: add one (leader on duty, night watch …).</source>
        <translation>还没有值班类型：请先添加（值班领导、值宿……）。</translation>
    </message>
    <message>
        <source>Choose exactly two shifts to swap.</source>
        <translation>请正好选择两个班次进行调换。</translation>
    </message>
    <message>
        <source>Swapped: {a} now takes {date_b}, {b} takes {date_a}.</source>
        <translation>已调班：{a}改值 {date_b}，{b}改值 {date_a}。</translation>
    </message>
    <message>
        <source>Add a duty type first.</source>
        <translation>请先添加值班类型。</translation>
    </message>
    <message>
        <source>{n} shifts made.</source>
        <translation>已排 {n} 个班次。</translation>
    </message>
    <message>
        <source>Nobody was free on {days}: those days are gaps.</source>
        <translation>{days} 无人可排，这些天为值班空缺。</translation>
    </message>
    <message>
        <source>Duty type {name} added.</source>
        <translation>已添加值班类型“{name}”。</translation>
    </message>
    <message>
        <source>Holiday {name} marked.</source>
        <translation>已标记节假日“{name}”。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to xiaoan</source>
        <translation>欢迎使用校安</translation>
    </message>
    <message>
        <source>xiaoan keeps your school&apos;s safety records: inspections and hazards, drills, the responsibility grid and duty rosters. Everything is stored on this computer and works without the internet.</source>
        <translation>校安用于记录学校安全工作：安全检查与隐患排查治理、应急演练、网格化责任分工和值班值宿。所有数据保存在本机，不联网也能使用。</translation>
    </message>
    <message>
        <source>Set up a new &amp;school</source>
        <translation>建立新学校(&amp;S)</translation>
    </message>
    <message>
        <source>Enter the school&apos;s details and create the principal&apos;s account. The principal then adds the other staff.</source>
        <translation>填写学校基本信息，并创建校长账号。之后由校长添加其他教职工。</translation>
    </message>
    <message>
        <source>This school already uses xiaoan on another computer: &amp;join it</source>
        <translation>本校已在另一台电脑上使用校安：加入本校(&amp;J)</translation>
    </message>
    <message>
        <source>With the enrollment file from the education bureau. The school&apos;s records and accounts come from the bureau; you then set your password or PIN for this computer.</source>
        <translation>使用教育局发来的注册文件加入。学校的记录和账号从教育局获取，然后您为本机设置自己的密码或 PIN 码。</translation>
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
    <message>
        <source>Who are you?</source>
        <translation>您是哪位？</translation>
    </message>
    <message>
        <source>Choose your own account and set the password or PIN you will use on this computer.</source>
        <translation>请选择您自己的账号，并设置您在本机使用的密码或 PIN 码。</translation>
    </message>
    <message>
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
    <message>
        <source>Passwords and PINs never leave the computer they were set on, so everyone needs one here too. The principal signs in first and then sets the others&apos; on the Staff and logins page, as on the first computer.</source>
        <translation>密码和 PIN 码只保存在设置它的电脑上，不会传到别处，所以每个人在本机也需要设置。由校长先登录，再像在第一台电脑上一样，在“教职工与账号”页面为其他人设置。</translation>
    </message>
    <message>
        <source>Choose your account.</source>
        <translation>请选择您的账号。</translation>
    </message>
    <message>
        <source>Join your school</source>
        <translation>加入本校</translation>
    </message>
    <message>
        <source>The school&apos;s records, people and accounts come from the education bureau.</source>
        <translation>学校的记录、人员和账号将从教育局获取。</translation>
    </message>
    <message>
        <source>Ask the education bureau for your school&apos;s enrollment file (it ends in .enroll.json) and choose it here. This computer then fetches the school&apos;s records; on a slow line that can take a while. You can close xiaoan at any time: it comes back to this step.</source>
        <translation>请向教育局索取本校的注册文件（文件名以 .enroll.json 结尾），并在这里选择它。之后本机会获取学校的记录；网络较慢时可能需要一些时间。您可以随时关闭校安，下次打开时会回到这一步。</translation>
    </message>
    <message>
        <source>the enrollment file from the bureau</source>
        <translation>教育局发来的注册文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Join the school</source>
        <translation>加入本校(&amp;J)</translation>
    </message>
    <message>
        <source>Enrollment file:</source>
        <translation>注册文件：</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>No network? Use a USB stick</source>
        <translation>没有网络？用U盘传送</translation>
    </message>
    <message>
        <source>1. Write this computer&apos;s request to a USB stick and take it to the bureau.
2. The bureau imports it and writes its reply onto the stick.
3. Back here, read the folder with the bureau&apos;s reply.</source>
        <translation>1. 把本机的申请文件写到U盘上，送到教育局。
2. 教育局导入后，把答复写回U盘。
3. 回到这里，读取存有教育局答复的文件夹。</translation>
    </message>
    <message>
        <source>&amp;Write the request to a folder…</source>
        <translation>把申请写入文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Read the bureau&apos;s reply…</source>
        <translation>读取教育局的答复(&amp;R)…</translation>
    </message>
    <message>
        <source>Enrollment file from the bureau</source>
        <translation>教育局发来的注册文件</translation>
    </message>
    <message>
        <source>Enrollment files (*.enroll.json *.json)</source>
        <translation>注册文件 (*.enroll.json *.json)</translation>
    </message>
    <message>
        <source>Choose the enrollment file first.</source>
        <translation>请先选择注册文件。</translation>
    </message>
    <message>
        <source>Reading the enrollment file…</source>
        <translation>正在读取注册文件…</translation>
    </message>
    <message>
        <source>Connecting to the education bureau…</source>
        <translation>正在连接教育局…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Receiving the school&apos;s records…</source>
        <translation>正在接收学校的记录…</translation>
    </message>
    <message>
        <source>The school&apos;s records could not be fetched from the bureau. Check the network and press Try again, or use a USB stick as described below.</source>
        <translation>未能从教育局获取学校的记录。请检查网络后点击“重试”，或按下面的说明用U盘传送。</translation>
    </message>
    <message>
        <source>The bureau did not let this computer join.</source>
        <translation>教育局没有允许本机加入。</translation>
    </message>
    <message>
        <source>The bureau does not have this school&apos;s records yet. Sync on the school&apos;s first computer, then press Try again.</source>
        <translation>教育局还没有本校的记录。请先在学校的第一台电脑上同步，然后点击“重试”。</translation>
    </message>
    <message>
        <source>The school&apos;s records have arrived.</source>
        <translation>学校的记录已全部收到。</translation>
    </message>
    <message>
        <source>Folder on the USB stick</source>
        <translation>U盘上的文件夹</translation>
    </message>
    <message>
        <source>The request was written to {path}. Take it to the bureau. When you have the bureau&apos;s reply, press Read the bureau&apos;s reply. You may close xiaoan meanwhile: it opens on this step again.</source>
        <translation>申请已写入 {path}。请送到教育局。拿到教育局的答复后，点击“读取教育局的答复”。期间可以关闭校安，下次打开时会回到这一步。</translation>
    </message>
    <message>
        <source>Folder with the bureau&apos;s reply</source>
        <translation>存有教育局答复的文件夹</translation>
    </message>
    <message>
        <source>Read {n} replies, but the school&apos;s records are not all here yet. Write the request again and take it to the bureau.</source>
        <translation>已读取 {n} 个答复，但学校的记录还没有全部收到。请再次写入申请并送到教育局。</translation>
    </message>
    <message>
        <source>No reply for this computer was found in {path}.</source>
        <translation>在 {path} 中没有找到给本机的答复。</translation>
    </message>
</context>
<context>
    <name>Format</name>
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
    <name>Grid</name>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Edit zone</source>
        <translation>修改区域</translation>
    </message>
    <message>
        <source>Add a zone</source>
        <translation>添加区域</translation>
    </message>
    <message>
        <source>e.g. east yard, 2nd floor</source>
        <translation>例如：东院、二楼</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Edit post</source>
        <translation>修改岗位</translation>
    </message>
    <message>
        <source>Add a post</source>
        <translation>添加岗位</translation>
    </message>
    <message>
        <source>One safety duty per line</source>
        <translation>每行一条安全职责</translation>
    </message>
    <message>
        <source>Post:</source>
        <translation>岗位：</translation>
    </message>
    <message>
        <source>Safety duties:</source>
        <translation>安全职责：</translation>
    </message>
    <message>
        <source>Assign: {what}</source>
        <translation>落实责任人：{what}</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>The current assignment ends the day before the new one starts.</source>
        <translation>原分工在新分工开始的前一天结束。</translation>
    </message>
    <message>
        <source>Responsible person:</source>
        <translation>责任人：</translation>
    </message>
    <message>
        <source>Responsible leader:</source>
        <translation>责任领导：</translation>
    </message>
    <message>
        <source>Supervisor:</source>
        <translation>监督人：</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <source>Record a responsibility letter</source>
        <translation>登记安全责任书</translation>
    </message>
    <message>
        <source>Safety responsibility letter</source>
        <translation>安全责任书</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Photo or scan of the signed paper</source>
        <translation>签字原件的照片或扫描件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>发放人：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>签订人：</translation>
    </message>
    <message>
        <source>Scan:</source>
        <translation>扫描件：</translation>
    </message>
    <message>
        <source>Choose the scan</source>
        <translation>选择扫描件</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>No responsible person</source>
        <translation>无责任人</translation>
    </message>
    <message>
        <source>Responsible person has left</source>
        <translation>责任人已离校</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>缺责任领导</translation>
    </message>
    <message>
        <source>no supervisor</source>
        <translation>缺监督人</translation>
    </message>
    <message>
        <source>✓ Complete</source>
        <translation>✓ 齐全</translation>
    </message>
    <message>
        <source>Zone / post</source>
        <translation>区域 / 岗位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Responsible leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>监督人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>⚠ nobody</source>
        <translation>⚠ 无人负责</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发放人</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签订人</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>attached</source>
        <translation>已附</translation>
    </message>
    <message>
        <source>not signed yet</source>
        <translation>尚未签订</translation>
    </message>
    <message>
        <source>Responsibility grid</source>
        <translation>安全责任网格</translation>
    </message>
    <message>
        <source>Add zone…</source>
        <translation>添加区域…</translation>
    </message>
    <message>
        <source>Add post…</source>
        <translation>添加岗位…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Assign people…</source>
        <translation>落实责任人…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Print placard…</source>
        <translation>打印公示牌…</translation>
    </message>
    <message>
        <source>Record letter…</source>
        <translation>登记责任书…</translation>
    </message>
    <message>
        <source>Open scan</source>
        <translation>查看扫描件</translation>
    </message>
    <message>
        <source>Zones and posts</source>
        <translation>区域和岗位</translation>
    </message>
    <message>
        <source>Responsibility letters</source>
        <translation>安全责任书</translation>
    </message>
    <message>
        <source>{n} of {total} zones and posts have no responsible person.</source>
        <translation>共 {total} 个区域和岗位，其中 {n} 个没有责任人。</translation>
    </message>
    <message>
        <source>All {total} zones and posts have a responsible person.</source>
        <translation>全部 {total} 个区域和岗位都已落实责任人。</translation>
    </message>
    <message>
        <source>No signed letter for {year} yet: {names}</source>
        <translation>{year} 年尚未签订责任书：{names}</translation>
    </message>
    <message>
        <source>Choose a zone or a post.</source>
        <translation>请选择一个区域或岗位。</translation>
    </message>
    <message>
        <source>Safety duties of this post:</source>
        <translation>本岗位安全职责：</translation>
    </message>
    <message>
        <source>Assigned until {date}</source>
        <translation>分工至 {date}</translation>
    </message>
    <message>
        <source>Zone added.</source>
        <translation>已添加区域。</translation>
    </message>
    <message>
        <source>Post added.</source>
        <translation>已添加岗位。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Add the staff to the directory first.</source>
        <translation>请先在教职工名册中添加人员。</translation>
    </message>
    <message>
        <source>Assigned.</source>
        <translation>已落实责任人。</translation>
    </message>
    <message>
        <source>Remove {name} and its assignments from the grid?</source>
        <translation>从责任网格中撤销“{name}”及其分工吗？</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Letter recorded.</source>
        <translation>已登记责任书。</translation>
    </message>
    <message>
        <source>This letter has no scan attached.</source>
        <translation>该责任书没有附扫描件。</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>平安: nothing happened on this shift</source>
        <translation>平安：本班次未发生任何事件</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place patrolled</source>
        <translation>巡查地点</translation>
    </message>
    <message>
        <source>Findings (empty if none)</source>
        <translation>发现的问题（没有可不填）</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生的事件</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>处置情况</translation>
    </message>
    <message>
        <source>+ Patrol (Ctrl+N)</source>
        <translation>+ 巡查 (Ctrl+N)</translation>
    </message>
    <message>
        <source>+ Event (Ctrl+E)</source>
        <translation>+ 事件 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Boarders&apos; roll call</source>
        <translation>住校生点名</translation>
    </message>
    <message>
        <source>Who was missing, and why</source>
        <translation>未到学生及原因</translation>
    </message>
    <message>
        <source>Noon: expected / present</source>
        <translation>午休：应到 / 实到</translation>
    </message>
    <message>
        <source>Night: expected / present</source>
        <translation>晚寝：应到 / 实到</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Keys, radios, logbook …</source>
        <translation>钥匙、对讲机、值班记录本……</translation>
    </message>
    <message>
        <source>What the next shift must follow up</source>
        <translation>需下一班跟进的事项</translation>
    </message>
    <message>
        <source>Only when handing over early: why (fell ill, called away …)</source>
        <translation>仅提前交班时填写原因（突发疾病、临时有事等）</translation>
    </message>
    <message>
        <source>Early handover:</source>
        <translation>提前交班：</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Outgoing person signs here</source>
        <translation>交班人在此签字</translation>
    </message>
    <message>
        <source>Incoming person signs here</source>
        <translation>接班人在此签字</translation>
    </message>
    <message>
        <source>Sign as outgoing</source>
        <translation>交班人签字</translation>
    </message>
    <message>
        <source>Acknowledge and sign as incoming</source>
        <translation>接班人确认并签字</translation>
    </message>
    <message>
        <source>Incoming person: confirm with password or PIN…</source>
        <translation>接班人输入密码或 PIN 码验证身份…</translation>
    </message>
    <message>
        <source>Patrols:</source>
        <translation>巡查：</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>事件：</translation>
    </message>
    <message>
        <source>Handed over:</source>
        <translation>交接物品：</translation>
    </message>
    <message>
        <source>Open issues:</source>
        <translation>遗留问题：</translation>
    </message>
    <message>
        <source>Incoming person:</source>
        <translation>接班人：</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Locked: both people signed on {when}; this handover can no longer be changed.</source>
        <translation>【已锁定】交接双方已于 {when} 签字，本记录不能再修改。</translation>
    </message>
    <message>
        <source>{name} has confirmed: sign on the incoming pad.</source>
        <translation>{name}已验证身份，请在接班人签字板上签字。</translation>
    </message>
    <message>
        <source>Signed by the outgoing person; waiting for the incoming one.</source>
        <translation>交班人已签字，等待接班人确认签字。</translation>
    </message>
    <message>
        <source>The incoming person first confirms with their own password or PIN.</source>
        <translation>接班人须先输入本人的密码或 PIN 码验证身份。</translation>
    </message>
    <message>
        <source>Saved, not signed yet: it can still be changed.</source>
        <translation>已保存，尚未签字，仍可修改。</translation>
    </message>
    <message>
        <source>Not recorded yet. Your last patrol route is filled in.</source>
        <translation>尚未填写。已按您上次的巡查路线预填。</translation>
    </message>
    <message>
        <source>Not recorded yet.</source>
        <translation>尚未填写。</translation>
    </message>
    <message>
        <source>Not recorded yet. Only the person on this shift can record it.</source>
        <translation>尚未填写。只有本班次的值班人员才能填写。</translation>
    </message>
    <message>
        <source>Signing opens at {time}, 30 minutes before the shift ends; to hand over earlier, write why under Early handover.</source>
        <translation>交接班签字从 {time}（下班前 30 分钟）开始；如需提前交班，请在“提前交班”一栏写明原因。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Sign on the outgoing pad first.</source>
        <translation>请交班人先在签字板上签字。</translation>
    </message>
    <message>
        <source>Signed by {name}.</source>
        <translation>{name}已签字。</translation>
    </message>
    <message>
        <source>Choose the incoming person first.</source>
        <translation>请先选择接班人。</translation>
    </message>
    <message>
        <source>The confirmation has expired: confirm again, then sign.</source>
        <translation>身份验证已过期，请重新验证后再签字。</translation>
    </message>
    <message>
        <source>Sign on the incoming pad first.</source>
        <translation>请接班人先在签字板上签字。</translation>
    </message>
    <message>
        <source>Acknowledged and signed by {name}.</source>
        <translation>{name}已确认接班并签字。</translation>
    </message>
    <message>
        <source>Report the finding as a hazard</source>
        <translation>将发现的问题上报为隐患</translation>
    </message>
    <message>
        <source>Empty: the finding&apos;s text</source>
        <translation>不填则使用发现问题的内容</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Shifts of the day (&amp;L)</source>
        <translation>当天班次(&amp;L)</translation>
    </message>
    <message>
        <source>Daily zero report</source>
        <translation>每日零报告</translation>
    </message>
    <message>
        <source>No shifts on the roster</source>
        <translation>值班表上没有班次</translation>
    </message>
    <message>
        <source>Not peaceful</source>
        <translation>不平安</translation>
    </message>
    <message>
        <source>平安 so far (incomplete)</source>
        <translation>目前平安（尚未报齐）</translation>
    </message>
    <message>
        <source>平安 so far (shifts still on duty)</source>
        <translation>目前平安（尚有班次在岗）</translation>
    </message>
    <message>
        <source>平安</source>
        <translation>平安</translation>
    </message>
    <message>
        <source>Action: {a}</source>
        <translation>处置：{a}</translation>
    </message>
    <message>
        <source>Missing handover: {duty} {name}</source>
        <translation>缺交接班记录：{duty} {name}</translation>
    </message>
    <message>
        <source>Not signed yet: {duty} {name}</source>
        <translation>尚未签字：{duty} {name}</translation>
    </message>
    <message>
        <source>On duty until {end}: {duty} {name}</source>
        <translation>值班中（至 {end}）：{duty} {name}</translation>
    </message>
    <message>
        <source>Not started yet ({start}): {duty} {name}</source>
        <translation>尚未上岗（{start} 开始）：{duty} {name}</translation>
    </message>
    <message>
        <source>The finding is now in the hazard ledger.</source>
        <translation>该问题已录入隐患台账。</translation>
    </message>
    <message>
        <source>To hazard ledger</source>
        <translation>转入隐患台账</translation>
    </message>
    <message>
        <source>In the hazard ledger</source>
        <translation>已在隐患台账</translation>
    </message>
    <message>
        <source>Incoming person: confirm it is you</source>
        <translation>接班人身份验证</translation>
    </message>
    <message>
        <source>{name}, type your own password or PIN. Your signature is taken only after this.</source>
        <translation>{name}，请输入您本人的密码或 PIN 码，验证通过后才能签字。</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>密码或 PIN 码</translation>
    </message>
    <message>
        <source>Type the password or PIN first.</source>
        <translation>请先输入密码或 PIN 码。</translation>
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
        <source>Mark as major…</source>
        <translation>认定为重大隐患…</translation>
    </message>
    <message>
        <source>Monitoring entry…</source>
        <translation>监控记录…</translation>
    </message>
    <message>
        <source>Found in drill {record}</source>
        <translation>来源：演练 {record}（点击打开）</translation>
    </message>
    <message>
        <source>Found on the handover patrol at {record} on {day}</source>
        <translation>来源：{day} 交接班巡查（{record}）（点击打开）</translation>
    </message>
    <message>
        <source>Found in the inspection {record} on {day}</source>
        <translation>来源：{day} 安全检查“{record}”（点击打开）</translation>
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
        <source>Open the record this hazard was raised from</source>
        <translation>打开发现此隐患的原始记录</translation>
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
        <source>The bureau&apos;s answer ({day}):</source>
        <translation>教育局答复（{day}）：</translation>
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
        <source>Mark as a major hazard</source>
        <translation>认定为重大隐患</translation>
    </message>
    <message>
        <source>A major hazard (重大隐患) is monitored at least twice a day until it is fixed, starting today.</source>
        <translation>重大隐患从今天起每天至少监测 2 次，直至整改完毕。</translation>
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
        <source>Graded a major hazard</source>
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
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
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
        <source>Place: {place}</source>
        <translation>部位：{place}</translation>
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
        <source>Rectification notice</source>
        <translation>隐患整改通知单</translation>
    </message>
    <message>
        <source>Re-check slip</source>
        <translation>隐患复查销号单</translation>
    </message>
    <message>
        <source>Ledger for the dates shown</source>
        <translation>所选日期的隐患整改台账</translation>
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
        <source>e.g. 2nd floor, east stairs</source>
        <translation>如：二楼东侧楼梯</translation>
    </message>
    <message>
        <source>Where exactly the problem is</source>
        <translation>问题所在的具体部位</translation>
    </message>
    <message>
        <source>Exact spot (failed item):</source>
        <translation>具体部位（不合格项）：</translation>
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
        <source>All other items pass ({key})</source>
        <translation>其余各项均合格 ({key})</translation>
    </message>
    <message>
        <source>Finalize… ({key})</source>
        <translation>确认提交… ({key})</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>情况说明：</translation>
    </message>
    <message>
        <source>Keys: P pass · F fail (then the note and the spot) · N not applicable; Enter next item. Photos can be dropped here.</source>
        <translation>按键：P 合格 · F 不合格（再填写说明和具体部位）· N 不适用；回车 下一项。可将照片直接拖到此处。</translation>
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
        <source>Start a correction…</source>
        <translation>更正记录…</translation>
    </message>
    <message>
        <source>Countersign…</source>
        <translation>校长签字…</translation>
    </message>
    <message>
        <source>The principal signs the finalized inspection form</source>
        <translation>校长在已提交的检查记录表上签字</translation>
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
        <source>Signed by {name}</source>
        <translation>检查人签字：{name}</translation>
    </message>
    <message>
        <source>Countersigned by {name}</source>
        <translation>校长签字：{name}</translation>
    </message>
    <message>
        <source>{done} of {total} answered, {failed} failed</source>
        <translation>已查 {done}/{total} 项，不合格 {failed} 项</translation>
    </message>
    <message>
        <source>Item {n} failed: write down what was found before moving on.</source>
        <translation>第 {n} 项不合格：请先写明发现的问题再继续。</translation>
    </message>
    <message>
        <source>Item {n} failed: say exactly where before moving on.</source>
        <translation>第 {n} 项不合格：请先写明具体部位再继续。</translation>
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
        <source>Countersigned. The signature prints on the inspection form.</source>
        <translation>已签字。签名将打印在检查记录表上。</translation>
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
        <source>Clear the signature</source>
        <translation>清除签名</translation>
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
        <source>Grade each failed item as the bureau does:</source>
        <translation>请按教育局标准为每个不合格项定级：</translation>
    </message>
    <message>
        <source>Grade of item {n}</source>
        <translation>第 {n} 项的隐患等级</translation>
    </message>
    <message>
        <source>A major hazard is watched at least twice a day until it is fixed.</source>
        <translation>重大隐患每天至少监测 2 次，直至整改完毕。</translation>
    </message>
    <message>
        <source>Overall note (optional)</source>
        <translation>总体情况说明（可不填）</translation>
    </message>
    <message>
        <source>Inspector signs here</source>
        <translation>检查人在此签字</translation>
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
        <source>Countersign the inspection</source>
        <translation>校长签字确认</translation>
    </message>
    <message>
        <source>{name} countersigns “{title}”. The signature prints in the principal&apos;s box of the inspection form; the record itself does not change.</source>
        <translation>{name}在“{title}”上签字。签名打印在检查记录表的校长签字栏，检查记录本身不会改变。</translation>
    </message>
    <message>
        <source>Principal signs here</source>
        <translation>校长在此签字</translation>
    </message>
    <message>
        <source>Countersign</source>
        <translation>签字</translation>
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
    <name>Lock</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>xiaoan — locked</source>
        <translation>校安 — 已锁定</translation>
    </message>
    <message>
        <source>The screen is locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>{name} ({role}) is signed in. Their work is kept as they left it.</source>
        <translation>{name}（{role}）已登录，其工作内容保持原样。</translation>
    </message>
    <message>
        <source>{name}&apos;s password or PIN</source>
        <translation>{name}的密码或 PIN 码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out / switch user…</source>
        <translation>退出登录 / 切换用户…</translation>
    </message>
    <message>
        <source>Enter your password or PIN.</source>
        <translation>请输入密码或 PIN 码。</translation>
    </message>
    <message>
        <source>Only {name} can unlock.</source>
        <translation>只有{name}本人可以解锁。</translation>
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
        <source>Nothing on this page prints a form.</source>
        <translation>本页没有可打印的表单。</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>尚无备份</translation>
    </message>
    <message>
        <source>Last backup: {time}</source>
        <translation>最近备份：{time}</translation>
    </message>
    <message>
        <source>Show {page}</source>
        <translation>打开“{page}”</translation>
    </message>
    <message>
        <source>{page} ({keys})</source>
        <translation>{page}（{keys}）</translation>
    </message>
    <message>
        <source>Print the chosen record</source>
        <translation>打印选中的记录</translation>
    </message>
    <message>
        <source>Sign out / switch user</source>
        <translation>退出登录 / 切换用户</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Monthly</name>
    <message>
        <source>Section</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Daily patrols</source>
        <translation>日常巡查</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>安全检查</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>隐患排查治理</translation>
    </message>
    <message>
        <source>Emergency drills</source>
        <translation>应急演练</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>突发事件</translation>
    </message>
    <message>
        <source>Duty and handovers</source>
        <translation>值班与交接班</translation>
    </message>
    <message>
        <source>Daily zero reports</source>
        <translation>每日平安报告</translation>
    </message>
    <message>
        <source>Days requiring a patrol</source>
        <translation>应巡查天数</translation>
    </message>
    <message>
        <source>Days patrolled</source>
        <translation>已巡查天数</translation>
    </message>
    <message>
        <source>Inspections finalized</source>
        <translation>已定稿检查次数</translation>
    </message>
    <message>
        <source>of which daily patrols</source>
        <translation>其中：领导日巡查</translation>
    </message>
    <message>
        <source>of which weekly checks</source>
        <translation>其中：周检查</translation>
    </message>
    <message>
        <source>of which half-monthly self-inspections</source>
        <translation>其中：半月自查</translation>
    </message>
    <message>
        <source>of which monthly full checks</source>
        <translation>其中：月度全面检查</translation>
    </message>
    <message>
        <source>of which special checks</source>
        <translation>其中：专项检查</translation>
    </message>
    <message>
        <source>of which bureau spot checks</source>
        <translation>其中：教育局抽查</translation>
    </message>
    <message>
        <source>Hazards found</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <source>Hazards closed</source>
        <translation>销号隐患</translation>
    </message>
    <message>
        <source>Hazards past their deadline</source>
        <translation>超期未整改隐患</translation>
    </message>
    <message>
        <source>Major hazards</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <source>Hazards still open</source>
        <translation>未销号隐患</translation>
    </message>
    <message>
        <source>Major-hazard monitoring days owed</source>
        <translation>重大隐患应监测天数</translation>
    </message>
    <message>
        <source>Monitoring days missed</source>
        <translation>漏监测天数</translation>
    </message>
    <message>
        <source>Drills held</source>
        <translation>已开展演练</translation>
    </message>
    <message>
        <source>Drills required</source>
        <translation>应开展演练</translation>
    </message>
    <message>
        <source>Requirements met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>Phone reports on time</source>
        <translation>电话报告及时</translation>
    </message>
    <message>
        <source>Phone reports late</source>
        <translation>电话报告迟报</translation>
    </message>
    <message>
        <source>Phone reports missing</source>
        <translation>电话报告未报</translation>
    </message>
    <message>
        <source>Written reports on time</source>
        <translation>书面报告及时</translation>
    </message>
    <message>
        <source>Written reports late</source>
        <translation>书面报告迟报</translation>
    </message>
    <message>
        <source>Written reports missing</source>
        <translation>书面报告未报</translation>
    </message>
    <message>
        <source>Follow-up reports</source>
        <translation>续报</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>尚未结案</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Shifts rostered</source>
        <translation>排班班次</translation>
    </message>
    <message>
        <source>Handovers recorded</source>
        <translation>已交接班次</translation>
    </message>
    <message>
        <source>Handovers missing</source>
        <translation>未交接班次</translation>
    </message>
    <message>
        <source>Days with a roster</source>
        <translation>有排班的天数</translation>
    </message>
    <message>
        <source>Days owed a zero report</source>
        <translation>应报平安天数</translation>
    </message>
    <message>
        <source>Days reported</source>
        <translation>已报天数</translation>
    </message>
    <message>
        <source>Peaceful days (平安)</source>
        <translation>平安天数</translation>
    </message>
    <message>
        <source>Days with something to report</source>
        <translation>有情况报告的天数</translation>
    </message>
    <message>
        <source>Days not reported</source>
        <translation>未报天数</translation>
    </message>
    <message>
        <source>Not recorded in this app</source>
        <translation>本软件暂未记录此项</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>尚未填写</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Signed and finalized</source>
        <translation>已签字定稿</translation>
    </message>
    <message>
        <source>Monthly safety report</source>
        <translation>安全月报表</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>The principal&apos;s comments on the month&apos;s safety work</source>
        <translation>校长对本月安全工作的意见</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <source>Principal signs here</source>
        <translation>校长在此签名</translation>
    </message>
    <message>
        <source>&amp;Clear signature</source>
        <translation>清除签名(&amp;C)</translation>
    </message>
    <message>
        <source>Sign and &amp;finalize</source>
        <translation>签字定稿(&amp;F)</translation>
    </message>
    <message>
        <source>Comments and signature</source>
        <translation>校长意见与签名</translation>
    </message>
    <message>
        <source>Principal&apos;s signature:</source>
        <translation>校长签名：</translation>
    </message>
    <message>
        <source>Only the principal signs and finalizes the report.</source>
        <translation>月报表只能由校长签字定稿。</translation>
    </message>
    <message>
        <source>{month}: {status} — due by {due}</source>
        <translation>{month}：{status} — 须于 {due} 前报送</translation>
    </message>
    <message>
        <source> · counted from {day}</source>
        <translation> · 自 {day} 起统计（此前尚未使用本软件）</translation>
    </message>
    <message>
        <source>Signed and finalized on {time}; it can no longer change.</source>
        <translation>已于 {time} 签字定稿，不能再修改。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Sign on the pad first.</source>
        <translation>请先在签名板上签名。</translation>
    </message>
    <message>
        <source>The report is signed and finalized.</source>
        <translation>月报表已签字定稿。</translation>
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
        <source>Incidents</source>
        <translation>突发事件</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Duty roster</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>Responsibility grid</source>
        <translation>责任网格</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>安全月报表</translation>
    </message>
    <message>
        <source>Emergency drills</source>
        <translation>应急演练</translation>
    </message>
    <message>
        <source>Staff and logins</source>
        <translation>教职工与账号</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
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
    <name>Oversight</name>
    <message>
        <source>Hazard {ref} {title}</source>
        <translation>隐患 {ref} {title}</translation>
    </message>
    <message>
        <source>Duty: {duty}</source>
        <translation>工作事项：{duty}</translation>
    </message>
    <message>
        <source>Overdue since {day}</source>
        <translation>自 {day} 起已逾期</translation>
    </message>
    <message>
        <source>Reply by {day}</source>
        <translation>请于 {day} 前回复</translation>
    </message>
    <message>
        <source>updated by the bureau on {day}</source>
        <translation>教育局于 {day} 更新</translation>
    </message>
    <message>
        <source>Reply to the bureau&apos;s supervision order</source>
        <translation>回复教育局督办</translation>
    </message>
    <message>
        <source>What the school has done, and what is still to do</source>
        <translation>学校已采取的措施，以及尚待完成的工作</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>回复：</translation>
    </message>
    <message>
        <source>From the education bureau</source>
        <translation>来自教育局</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>回复…</translation>
    </message>
    <message>
        <source>Notice (please acknowledge)</source>
        <translation>通知（请确认已阅）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认已阅</translation>
    </message>
    <message>
        <source>Saved; it goes to the bureau at the next sync.</source>
        <translation>已保存，下次同步时报送教育局。</translation>
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
    <name>Printing</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Preview, print or save the form</source>
        <translation>预览、打印或保存表单</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Preparing the form…</source>
        <translation>正在生成表单…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Signed PDF</source>
        <translation>签名 PDF</translation>
    </message>
    <message>
        <source>Paper print, not signed</source>
        <translation>纸质打印（不加数字签名）</translation>
    </message>
    <message>
        <source>A signed PDF carries your digital signature; a paper print carries none and is signed by hand.</source>
        <translation>签名 PDF 带有您的数字签名；纸质打印不带数字签名，打印后手写签字。</translation>
    </message>
    <message>
        <source>Print preview: {name}</source>
        <translation>打印预览：{name}</translation>
    </message>
    <message>
        <source>{pages} pages, digitally signed by {signer}. Record {id}</source>
        <translation>共 {pages} 页，已由 {signer} 加数字签名。记录编号 {id}</translation>
    </message>
    <message>
        <source>{pages} pages, not digitally signed: {name} has no signing key unlocked on this computer (sign in again to unlock it). Sign the paper by hand. Record {id}</source>
        <translation>共 {pages} 页，未加数字签名：{name} 在本机没有已解锁的签名密钥（重新登录即可解锁），请在纸上手写签字。记录编号 {id}</translation>
    </message>
    <message>
        <source>{pages} pages, paper print without a digital signature: sign it by hand. Record {id}</source>
        <translation>共 {pages} 页，纸质打印，不加数字签名，请手写签字。记录编号 {id}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent {pages} pages to the printer.</source>
        <translation>已将 {pages} 页发送到打印机。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>SchoolFields</name>
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
</context>
<context>
    <name>SchoolProfile</name>
    <message>
        <source>School details</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>These details appear on every printed form. The kind of school, boarding and school buses decide which drills and checks are required.</source>
        <translation>这些信息会印在每一份表格上。学校类型、是否寄宿、是否有校车决定需要开展哪些演练和检查。</translation>
    </message>
    <message>
        <source>This computer is enrolled with the education bureau as school {code}, so the code cannot be changed here.</source>
        <translation>本机已按学校代码 {code} 在教育局注册，此处不能修改学校代码。</translation>
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
        <source>Kind</source>
        <translation>类型</translation>
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
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Kept before a restore</source>
        <translation>恢复前保留的数据</translation>
    </message>
    <message>
        <source>Kept before an upgrade</source>
        <translation>升级前保留的数据</translation>
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
        <source>School</source>
        <translation>学校信息</translation>
    </message>
    <message>
        <source>Edit school details…</source>
        <translation>修改学校信息…</translation>
    </message>
    <message>
        <source>Only the principal can edit the school&apos;s details.</source>
        <translation>只有校长可以修改学校信息。</translation>
    </message>
    <message>
        <source>{name} (school code {code})</source>
        <translation>{name}（学校代码 {code}）</translation>
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
        <source>Restore this backup…</source>
        <translation>恢复此备份…</translation>
    </message>
    <message>
        <source>Only the principal can restore a backup.</source>
        <translation>只有校长可以恢复备份。</translation>
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
        <source>Checking the backup {file}…</source>
        <translation>正在检查备份 {file}…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore the data as it was at {time}?</source>
        <translation>要将数据恢复到 {time} 时的状态吗？</translation>
    </message>
    <message>
        <source>The backup passed the check ({n} audit entries verified).

Everything recorded on this computer after {time} is undone here. What was already sent to the education bureau stays there.

The data as it is now is kept in the backups folder and can be restored again. xiaoan starts again afterwards.</source>
        <translation>该备份已通过检查（已核验 {n} 条操作日志）。

本机在 {time} 之后录入的所有内容都将在本机上撤销；已经发送给教育局的内容仍保留在教育局。

当前的数据会保存在备份文件夹中，以后仍可恢复。恢复完成后校安将重新启动。</translation>
    </message>
    <message>
        <source>Restore and restart</source>
        <translation>恢复并重新启动</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Restored. xiaoan starts again…</source>
        <translation>已恢复，校安正在重新启动…</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The backup {backup} was restored. The data as it was before is kept as {kept} in the backups folder. xiaoan now starts again; sign in as usual.</source>
        <translation>已恢复备份 {backup}。恢复前的数据已保存为备份文件夹中的 {kept}。校安现在将重新启动，请照常登录。</translation>
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
        <source>xiaoan {version} (data version {data})</source>
        <translation>校安 {version}（数据版本 {data}）</translation>
    </message>
    <message>
        <source>About xiaoan</source>
        <translation>关于校安</translation>
    </message>
    <message>
        <source>Schema revision {revision}</source>
        <translation>数据结构版本 {revision}</translation>
    </message>
    <message>
        <source>Copy details for support</source>
        <translation>复制技术信息（供技术支持）</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <source>Screen lock</source>
        <translation>自动锁屏</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>无键盘鼠标操作</translation>
    </message>
    <message>
        <source>without keyboard or mouse use. Ctrl+Shift+L locks at once, Ctrl+L signs out.</source>
        <translation>后自动锁屏。按 Ctrl+Shift+L 立即锁屏，按 Ctrl+L 退出登录。</translation>
    </message>
    <message>
        <source>without keyboard or mouse use. The principal sets this.</source>
        <translation>后自动锁屏。此项由校长设置。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>Sync keys:</source>
        <translation>同步密钥：</translation>
    </message>
    <message>
        <source>Data key:</source>
        <translation>数据密钥：</translation>
    </message>
    <message>
        <source>My signing key:</source>
        <translation>我的签名密钥：</translation>
    </message>
    <message>
        <source>Unlocked while you are signed in: the forms you print are signed in your name. It is kept in this computer&apos;s data, encrypted with your password or PIN.</source>
        <translation>登录期间已解锁：您打印的表格以您的名义加数字签名。签名密钥保存在本机数据中，并用您的密码或 PIN 码加密。</translation>
    </message>
    <message>
        <source>Not unlocked: the forms you print come out as paper prints without a digital signature, to be signed by hand.</source>
        <translation>未解锁：您打印的表格不带数字签名，需手写签字。</translation>
    </message>
    <message>
        <source>In the system keyring ({keyring}).</source>
        <translation>保存在系统密钥存储（{keyring}）中。</translation>
    </message>
    <message>
        <source>In the folder {path}, readable only by you (there was no working system keyring when they were made).</source>
        <translation>保存在文件夹 {path} 中，只有您能读取（生成时本机没有可用的系统密钥存储）。</translation>
    </message>
    <message>
        <source>None yet. They are made when this computer is enrolled with the bureau and kept in the system keyring ({keyring}).</source>
        <translation>尚未生成。本机在教育局注册时生成，保存在系统密钥存储（{keyring}）中。</translation>
    </message>
    <message>
        <source>None yet. They are made when this computer is enrolled with the bureau and kept in the folder {path}, readable only by you: this computer has no working system keyring.</source>
        <translation>尚未生成。本机在教育局注册时生成，保存在文件夹 {path} 中，只有您能读取（本机没有可用的系统密钥存储）。</translation>
    </message>
    <message>
        <source>In the folder {path}, readable only by you.</source>
        <translation>在文件夹 {path} 中，只有您能读取。</translation>
    </message>
    <message>
        <source>The data and its backups are encrypted with it. For a new computer the principal keeps the school&apos;s recovery code (xiaoan key-show).</source>
        <translation>本校数据及其备份都用它加密。换新电脑时要用学校的恢复码，由校长保管（xiaoan key-show）。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>{name} has input that may not be saved yet:</source>
        <translation>{name}还有可能未保存的内容：</translation>
    </message>
    <message>
        <source>Go back and save it, or sign out and discard it.</source>
        <translation>可以返回去保存，或者放弃这些内容并退出登录。</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Discard and sign out</source>
        <translation>放弃并退出登录</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Edit the caption</source>
        <translation>修改说明</translation>
    </message>
    <message>
        <source>Back / close</source>
        <translation>返回 / 关闭</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>(on this page)</source>
        <translation>（本页快捷键）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Everywhere in this window</source>
        <translation>整个窗口通用</translation>
    </message>
    <message>
        <source>On this page</source>
        <translation>本页</translation>
    </message>
    <message>
        <source>On this page: {page}</source>
        <translation>本页：{page}</translation>
    </message>
    <message>
        <source>Forms and dialogs show their own keys on their buttons.</source>
        <translation>表单和对话框的快捷键标在各自的按钮上。</translation>
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
    <name>Staff</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Login state</source>
        <translation>账号状态</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>No password on this computer</source>
        <translation>本机未设密码</translation>
    </message>
    <message>
        <source>Can sign in</source>
        <translation>可以登录</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Another entry has the same name. If both are one person, the principal can join them with “Same person as…”.</source>
        <translation>另有一条记录姓名相同。如果是同一个人，校长可以用“同一人…”合并。</translation>
    </message>
    <message>
        <source>{name} (left)</source>
        <translation>{name}（已离校）</translation>
    </message>
    <message>
        <source>Edit staff member</source>
        <translation>修改教职工信息</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>添加教职工</translation>
    </message>
    <message>
        <source>e.g. 班主任, 宿舍管理员</source>
        <translation>例如：班主任、宿舍管理员</translation>
    </message>
    <message>
        <source>Still works here</source>
        <translation>仍在本校工作</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
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
        <source>Can sign in on this computer</source>
        <translation>可在本机登录（开通账号）</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录账号：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>Same person as…</source>
        <translation>同一人…</translation>
    </message>
    <message>
        <source>{name}&apos;s login ({username}) moves to the entry you choose, which keeps its details. This entry is then removed, or kept as someone who has left where old records name it.</source>
        <translation>{name}的登录账号（{username}）将转到您选择的那条记录上，那条记录的信息保持不变。当前这条记录随后删除；如果已有记录用到它，则保留并标为已离校。</translation>
    </message>
    <message>
        <source>The same person as:</source>
        <translation>与此人为同一人：</translation>
    </message>
    <message>
        <source>There is no other entry without a login to choose.</source>
        <translation>没有其他未开通账号的记录可选。</translation>
    </message>
    <message>
        <source>Leave of {name}</source>
        <translation>{name}请假</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Staff and logins</source>
        <translation>教职工与账号</translation>
    </message>
    <message>
        <source>Show people who have left</source>
        <translation>显示已离校人员</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Record leave…</source>
        <translation>登记请假…</translation>
    </message>
    <message>
        <source>Give a login…</source>
        <translation>开通账号…</translation>
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
        <source>Deactivate login</source>
        <translation>停用登录</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>至 {date}</translation>
    </message>
    <message>
        <source>Listed more than once: {names}. If two entries are one person, choose the one with the login and use “Same person as…” (the principal).</source>
        <translation>名字重复：{names}。如果两条记录是同一个人，请选中有登录账号的那条，由校长点“同一人…”合并。</translation>
    </message>
    <message>
        <source>Activate login</source>
        <translation>启用登录</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>已添加。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Leave recorded.</source>
        <translation>已登记请假。</translation>
    </message>
    <message>
        <source>{name} can sign in now.</source>
        <translation>{name}现在可以登录了。</translation>
    </message>
    <message>
        <source>{name} has a new password or PIN.</source>
        <translation>已为{name}设置新的密码或 PIN 码。</translation>
    </message>
    <message>
        <source>{name} can try again now.</source>
        <translation>{name}的账号已解锁，可以重新登录。</translation>
    </message>
    <message>
        <source>{name}&apos;s entries are now one.</source>
        <translation>{name}的两条记录已合并为一条。</translation>
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
    <name>Sync</name>
    <message>
        <source>Sync: not enrolled</source>
        <translation>同步：未注册</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <source> (the latest attempt failed; see the sync page)</source>
        <translation>（最近一次未成功，详见数据同步页）</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Sent, waiting for the bureau</source>
        <translation>已发送，等待教育局确认</translation>
    </message>
    <message>
        <source>Received by the bureau</source>
        <translation>教育局已收到</translation>
    </message>
    <message>
        <source>Held back by the bureau</source>
        <translation>被教育局暂扣</translation>
    </message>
    <message>
        <source>{n} changes from the school&apos;s other computers {who}</source>
        <translation>来自本校其他电脑的 {n} 条更改 {who}</translation>
    </message>
    <message>
        <source>{n} photos</source>
        <translation>{n} 张照片</translation>
    </message>
    <message>
        <source>{n} items from the bureau</source>
        <translation>来自教育局的 {n} 项</translation>
    </message>
    <message>
        <source>changes not taken ({reason}); the bureau sends them again</source>
        <translation>更改未能接收（{reason}），教育局会重新发送</translation>
    </message>
    <message>
        <source>the file is not a sync bundle</source>
        <translation>文件不是同步数据包</translation>
    </message>
    <message>
        <source>made for another bureau&apos;s key</source>
        <translation>数据包是为其他教育局的密钥加密的</translation>
    </message>
    <message>
        <source>the bureau received it damaged</source>
        <translation>教育局收到的文件已损坏</translation>
    </message>
    <message>
        <source>the contents list is unreadable</source>
        <translation>数据包清单无法读取</translation>
    </message>
    <message>
        <source>made by a newer version of xiaoan</source>
        <translation>由更新版本的校安生成</translation>
    </message>
    <message>
        <source>the bureau does not know this computer (withdrawn or not enrolled)</source>
        <translation>教育局不认识这台电脑（已被撤销或未注册）</translation>
    </message>
    <message>
        <source>the signature does not match this computer</source>
        <translation>签名与这台电脑不符</translation>
    </message>
    <message>
        <source>the bureau already has another file with this number</source>
        <translation>教育局已收到另一个同编号的数据包</translation>
    </message>
    <message>
        <source>does not follow the previous bundle</source>
        <translation>与上一个数据包衔接不上</translation>
    </message>
    <message>
        <source>this computer&apos;s clock is far ahead; check the date</source>
        <translation>这台电脑的时钟快了很多，请检查日期时间</translation>
    </message>
    <message>
        <source>the bureau could not file its records</source>
        <translation>教育局无法录入其中的记录</translation>
    </message>
    <message>
        <source>the bureau rejected it</source>
        <translation>教育局已拒收</translation>
    </message>
    <message>
        <source>reason given by the bureau: {reason}</source>
        <translation>教育局给出的原因：{reason}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>打包时间</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>Sending {percent}%</source>
        <translation>正在发送 {percent}%</translation>
    </message>
    <message>
        <source>Sync with the education bureau</source>
        <translation>与教育局同步</translation>
    </message>
    <message>
        <source>What the bureau is waiting for</source>
        <translation>教育局在等什么</translation>
    </message>
    <message>
        <source>&amp;Re-enroll as a new computer…</source>
        <translation>作为新电脑重新注册(&amp;R)…</translation>
    </message>
    <message>
        <source>Gives this data folder a new identity and new keys; the school&apos;s records stay and everything the bureau has not received is sent again under the new one.</source>
        <translation>为这个数据文件夹换一个新身份和新密钥；学校的记录都保留，教育局尚未收到的内容会以新身份重新发送。</translation>
    </message>
    <message>
        <source>Only the principal can do this.</source>
        <translation>只有校长可以这样做。</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Bureau:</source>
        <translation>教育局：</translation>
    </message>
    <message>
        <source>Bureau fingerprint:</source>
        <translation>教育局指纹：</translation>
    </message>
    <message>
        <source>This computer&apos;s fingerprint:</source>
        <translation>本机指纹：</translation>
    </message>
    <message>
        <source>Read both fingerprints to the bureau by phone: they must match what the bureau sees. If they differ, do not sync and call the bureau.</source>
        <translation>请打电话向教育局逐一核对这两个指纹，必须与教育局看到的完全一致。如果不一致，请不要同步，并联系教育局。</translation>
    </message>
    <message>
        <source>Import enrollment file…</source>
        <translation>导入注册文件…</translation>
    </message>
    <message>
        <source>USB transfer (no network)</source>
        <translation>U盘传递（无网络时）</translation>
    </message>
    <message>
        <source>Without a network: export the bundles to a USB stick and take it to the bureau. Bring back the bureau&apos;s reply files on the stick and import them.</source>
        <translation>没有网络时：把数据包导出到U盘，送到教育局；再把教育局的回执文件用U盘带回来导入。</translation>
    </message>
    <message>
        <source>Export bundles to a folder…</source>
        <translation>导出数据包到文件夹…</translation>
    </message>
    <message>
        <source>Import the bureau&apos;s replies…</source>
        <translation>导入教育局回执…</translation>
    </message>
    <message>
        <source>Notices from the bureau</source>
        <translation>教育局通知</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Not enrolled. Import the enrollment file the education bureau sent you.</source>
        <translation>未注册。请导入教育局发给学校的注册文件。</translation>
    </message>
    <message>
        <source>Needs a new enrollment file from the bureau (this computer is new to it).</source>
        <translation>需要教育局发一份新的注册文件（对教育局来说这是一台新电脑）。</translation>
    </message>
    <message>
        <source>Enrollment file imported; this computer registers with the bureau at the next sync.</source>
        <translation>注册文件已导入；下次同步时本机将向教育局完成注册。</translation>
    </message>
    <message>
        <source>Enrolled with the bureau as school {code}.</source>
        <translation>已在教育局注册，学校代码 {code}。</translation>
    </message>
    <message>
        <source>Never synced with the bureau yet</source>
        <translation>尚未与教育局同步过</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>上次成功同步：{time}</translation>
    </message>
    <message>
        <source>Records not yet received by the bureau: {n}</source>
        <translation>教育局尚未收到的记录：{n}</translation>
    </message>
    <message>
        <source>Received {time}: {what}</source>
        <translation>{time} 收到：{what}</translation>
    </message>
    <message>
        <source>Acknowledged by {name} on {time}</source>
        <translation>{name} 已于 {time} 确认已阅</translation>
    </message>
    <message>
        <source>To acknowledge on the dashboard</source>
        <translation>请在工作台确认已阅</translation>
    </message>
    <message>
        <source>No notices.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <source>Syncs by itself when the network comes back and every 15 minutes.</source>
        <translation>网络恢复时以及每 15 分钟会自动同步。</translation>
    </message>
    <message>
        <source>Checks every minute whether the bureau can be reached; syncs when it can and every 15 minutes.</source>
        <translation>每分钟检查一次能否连上教育局；能连上时以及每 15 分钟会自动同步。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Sending bundle {seq}: {percent}%</source>
        <translation>正在发送第 {seq} 个数据包：{percent}%</translation>
    </message>
    <message>
        <source>Waiting for the bureau&apos;s reply…</source>
        <translation>等待教育局回执…</translation>
    </message>
    <message>
        <source>Receiving the school&apos;s other computers&apos; records: {percent}%</source>
        <translation>正在接收本校其他电脑的记录：{percent}%</translation>
    </message>
    <message>
        <source>The bureau held back {n} bundles (see the list). Call the bureau; everything else was received.</source>
        <translation>教育局暂扣了 {n} 个数据包（见下表），请联系教育局；其余数据教育局均已收到。</translation>
    </message>
    <message>
        <source>Sync finished: the bureau has everything.</source>
        <translation>同步完成：教育局已收到全部数据。</translation>
    </message>
    <message>
        <source>Enrollment file from the bureau</source>
        <translation>教育局发来的注册文件</translation>
    </message>
    <message>
        <source>Enrollment files (*.enroll.json *.json)</source>
        <translation>注册文件 (*.enroll.json *.json)</translation>
    </message>
    <message>
        <source>The enrollment file was imported, but registering did not work yet.</source>
        <translation>注册文件已导入，但暂时未能完成注册。</translation>
    </message>
    <message>
        <source>Enrolled. Read both fingerprints to the bureau by phone, then sync.</source>
        <translation>注册成功。请打电话向教育局核对两个指纹，然后同步。</translation>
    </message>
    <message>
        <source>Re-enroll as a new computer</source>
        <translation>作为新电脑重新注册</translation>
    </message>
    <message>
        <source>Make this data folder a new computer for the bureau?</source>
        <translation>把这个数据文件夹作为一台新电脑向教育局注册？</translation>
    </message>
    <message>
        <source>This folder gets a new identity and new sync keys. The school&apos;s records stay here, and everything the bureau has not received yet is sent again under the new identity.

The bureau must then register this computer: ask it for a new enrollment file for school {code} and import it here.</source>
        <translation>这个文件夹将换用新身份和新的同步密钥。学校的记录都保留在这里，教育局尚未收到的内容会以新身份重新发送。

之后需要教育局登记这台电脑：请向教育局要一份学校 {code} 的新的注册文件，并在这里导入。</translation>
    </message>
    <message>
        <source>This data folder is now a new computer (fingerprint {fp}); {n} changes wait to be sent. Ask the bureau for a new enrollment file for school {code} and import it (Ctrl+O).</source>
        <translation>这个数据文件夹现在是一台新电脑（指纹 {fp}），有 {n} 条更改等待发送。请向教育局要一份学校 {code} 的新的注册文件并导入（Ctrl+O）。</translation>
    </message>
    <message>
        <source>Folder on the USB stick</source>
        <translation>U盘上的文件夹</translation>
    </message>
    <message>
        <source>Wrote {n} bundles to {path}. Take them to the bureau.</source>
        <translation>已将 {n} 个数据包写入 {path}，请送到教育局。</translation>
    </message>
    <message>
        <source>Folder with the bureau&apos;s replies</source>
        <translation>存放教育局回执的文件夹</translation>
    </message>
    <message>
        <source>Read {n} replies from the bureau.</source>
        <translation>已读取 {n} 份教育局回执。</translation>
    </message>
    <message>
        <source>No new reply for this computer was found in {path}.</source>
        <translation>在 {path} 中没有找到给本机的新回执。</translation>
    </message>
    <message>
        <source>{n} files in the folder were not read or did not verify, and were left as they are: {names}</source>
        <translation>文件夹中有 {n} 个文件未读取或未通过校验，已原样保留：{names}</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>e.g. wangfang</source>
        <translation>例如：wangfang</translation>
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
        <source>Enter a user name of at least 2 characters.</source>
        <translation>请输入至少 2 个字符的用户名。</translation>
    </message>
    <message>
        <source>A login for {name}</source>
        <translation>为{name}开通登录账号</translation>
    </message>
    <message>
        <source>New password or PIN for {name}</source>
        <translation>为{name}设置新密码或 PIN 码</translation>
    </message>
</context>
<context>
    <name>Worktable</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Clock running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Incident: phone report to the bureau</source>
        <translation>突发事件：电话报告教育局</translation>
    </message>
    <message>
        <source>Incident: written report to the bureau</source>
        <translation>突发事件：书面报告教育局</translation>
    </message>
    <message>
        <source>Hazard past its rectification deadline</source>
        <translation>隐患超过整改时限</translation>
    </message>
    <message>
        <source>Overdue by {time}</source>
        <translation>已超时 {time}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>{title} ({done}/{needed} today)</source>
        <translation>{title}（今日 {done}/{needed}）</translation>
    </message>
    <message>
        <source>Press Enter or double-click to open</source>
        <translation>按回车键或双击打开</translation>
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
        <source>Somebody already signs in on this computer. Sign in, or ask the principal to set your password or PIN here.</source>
        <translation>本机已有人可以登录。请直接登录，或请校长在本机为您设置密码或 PIN 码。</translation>
    </message>
    <message>
        <source>The school&apos;s records have not arrived on this computer yet. Sync with the bureau first.</source>
        <translation>学校的记录还没有传到本机。请先与教育局同步。</translation>
    </message>
    <message>
        <source>This user no longer exists.</source>
        <translation>该用户已不存在。</translation>
    </message>
    <message>
        <source>Only the principal can be the first to sign in on a computer that joined the school. The principal then sets everyone else&apos;s password or PIN here.</source>
        <translation>加入学校的电脑只能由校长第一个登录。之后由校长在本机为其他人设置密码或 PIN 码。</translation>
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
        <source>{name} is marked as no longer working here. Change that first.</source>
        <translation>{name}已标记为离校，请先修改这一项。</translation>
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
        <source>Audit entry #{seq} of device {device} has lost its key seal (MAC): the trail was rewritten without the audit key.</source>
        <translation>设备 {device} 的操作日志 #{seq} 的密钥印记（MAC）不见了：操作日志在没有审计密钥的情况下被改写过。</translation>
    </message>
    <message>
        <source>The audit entries of device {device} from #{seq} on are sealed with an audit key that this computer does not have (key {key}), so they cannot be verified. Restore that key from the computer that wrote them; a new key would not make them verify.</source>
        <translation>设备 {device} 自 #{seq} 起的操作日志由审计密钥加印，但本机找不到这把密钥（密钥名 {key}），因此无法核验。请从写入这些日志的电脑上恢复该密钥；新建密钥并不能让它们通过核验。</translation>
    </message>
    <message>
        <source>Note: the audit key of device {device} was replaced at entry #{seq} (the old one was lost); entries before it are checked by their SHA-256 chain only.</source>
        <translation>注意：设备 {device} 的审计密钥在操作日志 #{seq} 处更换过（原密钥已丢失）；此前的日志只能按 SHA-256 链核对。</translation>
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
        <source>This enrollment file is for a school that does not use xiaoan on any computer yet, so there are no records to join. Nothing was changed. Set up the school instead (go back and choose a new school), or ask the bureau for the file it writes once the school&apos;s first computer has registered.</source>
        <translation>这个注册文件所属的学校还没有在任何电脑上使用校安，没有可以加入的记录。未做任何更改。请改为建立新学校（返回上一步选择“建立新学校”），或在学校第一台电脑注册后向教育局索取新的注册文件。</translation>
    </message>
    <message>
        <source>This computer is enrolled with the education bureau as school {enrolled}, so the school code must stay {enrolled}. If the bureau has given the school a new code, ask the bureau for a new enrollment file.</source>
        <translation>本机已按学校代码 {enrolled} 在教育局注册，学校代码必须保持为 {enrolled}。如果教育局给学校分配了新代码，请向教育局索取新的注册文件。</translation>
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
        <source>{name} no longer works here, so cannot have a login.</source>
        <translation>{name}已离校，不能开通登录账号。</translation>
    </message>
    <message>
        <source>{name} already signs in as {username}.</source>
        <translation>{name}已有登录账号 {username}。</translation>
    </message>
    <message>
        <source>Choose another entry of the same person.</source>
        <translation>请选择同一人的另一条记录。</translation>
    </message>
    <message>
        <source>{name} has no login to move.</source>
        <translation>{name}没有可转移的登录账号。</translation>
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
        <source>The data folder {path} cannot be written to. Choose another folder, or ask whoever looks after this computer to allow writing there.</source>
        <translation>无法写入数据文件夹 {path}。请选择其他文件夹，或请负责这台电脑的人员开放该文件夹的写入权限。</translation>
    </message>
    <message>
        <source>The data in {path} cannot be opened with the key kept on this computer (or it is not a xiaoan database). Nothing has been changed.</source>
        <translation>无法用本机保存的密钥打开 {path} 中的数据（或者它不是校安的数据库）。没有做任何改动。</translation>
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
        <source>Choose the responsible person.</source>
        <translation>请选择责任人。</translation>
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
        <source>This hazard is already a major hazard.</source>
        <translation>该隐患已认定为重大隐患。</translation>
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
        <source>Choose the hazard&apos;s grade: general or major hazard.</source>
        <translation>请选择隐患等级：一般隐患或重大隐患。</translation>
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
        <source>Hazard {ref} is already a major hazard.</source>
        <translation>隐患 {ref} 已认定为重大隐患。</translation>
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
        <source>This enrollment file is for another school&apos;s records than the ones on this computer. Nothing was changed. Ask the bureau for this school&apos;s file.</source>
        <translation>此注册文件属于另一所学校的记录，与本机上的记录不符，未做任何更改。请向教育局索取本校的注册文件。</translation>
    </message>
    <message>
        <source>This enrollment file is for school code {file_code}, but this computer holds the records of school {profile_code}. Nothing was changed. Ask the bureau for the enrollment file of school {profile_code}, or check the school code in the school profile.</source>
        <translation>这份注册文件是发给学校代码 {file_code} 的，而本机保存的是学校 {profile_code} 的记录。没有做任何改动。请向教育局要学校 {profile_code} 的注册文件，或核对学校信息中的学校代码。</translation>
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
        <source>Say why in at most {n} characters.</source>
        <translation>原因最多填写 {n} 个字。</translation>
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
        <source>This shift starts at {start}; it cannot be handed over before it starts.</source>
        <translation>本班次 {start} 才开始，开始之前不能交接班。</translation>
    </message>
    <message>
        <source>This shift runs until {end}; its handover can be signed from {opens}. To hand over early (the person on duty fell ill, say), write the reason first.</source>
        <translation>本班次到 {end} 结束，{opens} 起才能签字交接。如需提前交班（例如值班人员突发疾病），请先写明原因。</translation>
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
        <source>{name} confirms with their own password or PIN before signing.</source>
        <translation>{name}须先输入本人的密码或 PIN 码验证身份，才能签字。</translation>
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
        <source>Only a failed item is graded as a hazard.</source>
        <translation>只有不合格项才需要定级。</translation>
    </message>
    <message>
        <source>{n} items have no answer yet. Answer every item before finalizing.</source>
        <translation>还有 {n} 项未填写。请填完所有检查项后再定稿。</translation>
    </message>
    <message>
        <source>Item {n} ({item}) failed but has no note. Write down what was found.</source>
        <translation>第 {n} 项（{item}）不合格，但没有填写说明。请写明发现的问题。</translation>
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
        <source>There is no finalized drill to print yet.</source>
        <translation>还没有可打印的已定稿演练记录。</translation>
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
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Emergency drill this month</source>
        <translation>本月应急演练</translation>
    </message>
    <message>
        <source>Emergency drill this quarter</source>
        <translation>本季度应急演练</translation>
    </message>
    <message>
        <source>Fire evacuation drill this semester</source>
        <translation>本学期消防疏散演练</translation>
    </message>
    <message>
        <source>Fire safety training this semester</source>
        <translation>本学期消防安全培训</translation>
    </message>
    <message>
        <source>School-bus evacuation drill this semester</source>
        <translation>本学期校车应急疏散演练</translation>
    </message>
    <message>
        <source>{path} is not a plan document that can be kept (PDF, Word, JPEG or PNG).</source>
        <translation>{path} 不是可保存的方案文件（PDF、Word、JPEG 或 PNG）。</translation>
    </message>
    <message>
        <source>{path} is larger than 50 MB. Attach a smaller copy.</source>
        <translation>{path} 超过 50 MB，请附加较小的文件。</translation>
    </message>
    <message>
        <source>A text can have at most {limit} characters.</source>
        <translation>文字最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>Numbers of people and the evacuation time are whole numbers of 0 or more.</source>
        <translation>人数和疏散用时须为 0 或以上的整数。</translation>
    </message>
    <message>
        <source>Choose the type of drill.</source>
        <translation>请选择演练类型。</translation>
    </message>
    <message>
        <source>Choose who took part in the drill.</source>
        <translation>请选择演练范围。</translation>
    </message>
    <message>
        <source>Choose a rating for the drill.</source>
        <translation>请选择演练评定。</translation>
    </message>
    <message>
        <source>A drill cannot be recorded as held in the future. Check the date.</source>
        <translation>演练举行时间不能晚于现在，请检查日期。</translation>
    </message>
    <message>
        <source>Enter how long the drill took, in minutes (1 to 1440).</source>
        <translation>请填写演练时长（1 至 1440 分钟）。</translation>
    </message>
    <message>
        <source>A photo caption can have at most 200 characters.</source>
        <translation>照片说明最多 200 个字符。</translation>
    </message>
    <message>
        <source>This drill record no longer exists.</source>
        <translation>该演练记录已不存在。</translation>
    </message>
    <message>
        <source>This drill record is finalized and cannot be changed. Start a correction to put a mistake right.</source>
        <translation>该演练记录已定稿，不能修改。如有错误，请发起更正。</translation>
    </message>
    <message>
        <source>A problem already in the hazard ledger cannot be removed from the drill.</source>
        <translation>已录入隐患台账的问题不能从演练记录中删除。</translation>
    </message>
    <message>
        <source>Enter when the drill was held.</source>
        <translation>请填写演练举行时间。</translation>
    </message>
    <message>
        <source>Write the drill plan or attach the plan document.</source>
        <translation>请填写演练方案或附加方案文件。</translation>
    </message>
    <message>
        <source>Write the drill summary.</source>
        <translation>请填写演练总结。</translation>
    </message>
    <message>
        <source>Rate how well the drill went.</source>
        <translation>请评定演练效果。</translation>
    </message>
    <message>
        <source>Add at least one photo of the drill.</source>
        <translation>请至少添加一张演练照片。</translation>
    </message>
    <message>
        <source>A draft can be edited directly; it needs no correction.</source>
        <translation>草稿可以直接修改，无需更正。</translation>
    </message>
    <message>
        <source>This draft has a problem in the hazard ledger and cannot be discarded.</source>
        <translation>该草稿中有问题已录入隐患台账，不能删除。</translation>
    </message>
    <message>
        <source>This problem is no longer in the drill record.</source>
        <translation>该问题已不在演练记录中。</translation>
    </message>
    <message>
        <source>This problem is already in the hazard ledger.</source>
        <translation>该问题已录入隐患台账。</translation>
    </message>
    <message>
        <source>Fire evacuation drill</source>
        <translation>消防疏散演练</translation>
    </message>
    <message>
        <source>Fire safety training</source>
        <translation>消防安全培训</translation>
    </message>
    <message>
        <source>Earthquake drill</source>
        <translation>防地震演练</translation>
    </message>
    <message>
        <source>Anti-stampede drill</source>
        <translation>防踩踏演练</translation>
    </message>
    <message>
        <source>School-bus evacuation drill</source>
        <translation>校车应急疏散演练</translation>
    </message>
    <message>
        <source>Gas leak drill</source>
        <translation>燃气泄漏演练</translation>
    </message>
    <message>
        <source>Anti-violence and anti-terror drill</source>
        <translation>防暴反恐演练</translation>
    </message>
    <message>
        <source>Flood drill</source>
        <translation>防汛演练</translation>
    </message>
    <message>
        <source>Other drill</source>
        <translation>其他演练</translation>
    </message>
    <message>
        <source>Whole school</source>
        <translation>全校</translation>
    </message>
    <message>
        <source>Some grades</source>
        <translation>部分年级</translation>
    </message>
    <message>
        <source>One building</source>
        <translation>单栋楼</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>较差</translation>
    </message>
    <message>
        <source>A term must end after it starts.</source>
        <translation>学期结束日期须晚于开始日期。</translation>
    </message>
    <message>
        <source>A term can be at most 250 days long.</source>
        <translation>一个学期最长 250 天。</translation>
    </message>
    <message>
        <source>Two terms overlap. Check their dates.</source>
        <translation>有两个学期日期重叠，请检查。</translation>
    </message>
    <message>
        <source>The bureau&apos;s server could not be reached. Check the network cable or Wi-Fi. Nothing is lost: sync tries again by itself when the network is back.</source>
        <translation>连不上教育局的服务器。请检查网线或无线网络。数据不会丢失：网络恢复后会自动重试同步。</translation>
    </message>
    <message>
        <source>The bureau&apos;s server is busy or under maintenance. Nothing is lost: sync tries again by itself later.</source>
        <translation>教育局的服务器繁忙或正在维护。数据不会丢失：稍后会自动重试同步。</translation>
    </message>
    <message>
        <source>A bundle is larger than the bureau&apos;s server accepts. Take it to the bureau with USB transfer below, and tell the bureau.</source>
        <translation>有一个数据包超过了教育局服务器接收的大小。请用右侧的U盘传递送到教育局，并告知教育局。</translation>
    </message>
    <message>
        <source>The bureau&apos;s server refused this computer (it may have been withdrawn). Call the bureau and read them this computer&apos;s fingerprint.</source>
        <translation>教育局的服务器拒绝了这台电脑（可能已被撤销）。请联系教育局，并把本机指纹读给对方。</translation>
    </message>
    <message>
        <source>The bureau did not accept the enrollment file (it is unknown, was already used or has expired). Ask the bureau for a new enrollment file and import it.</source>
        <translation>教育局没有接受这个注册文件（文件无效、已经用过或已过期）。请向教育局要一个新的注册文件，再导入。</translation>
    </message>
    <message>
        <source>The bureau has this school code enrolled with another school: the enrollment file is for another school. Call the bureau and read them the school code.</source>
        <translation>教育局那里这个学校代码已登记给另一所学校：这个注册文件是别的学校的。请给教育局打电话，把学校代码念给他们听。</translation>
    </message>
    <message>
        <source>The bureau already has this computer registered with other keys. Ask the bureau to reset the school&apos;s enrollment and send a new enrollment file, then import it.</source>
        <translation>教育局那里已经用另一套密钥登记了这台电脑。请教育局重置本校的注册并发来新的注册文件，然后导入。</translation>
    </message>
    <message>
        <source>The sync files in the data folder could not be read or written. Check that the disk is not full, then press Sync now.</source>
        <translation>无法读写数据文件夹中的同步文件。请检查磁盘是否已满，然后点击“立即同步”。</translation>
    </message>
    <message>
        <source>There is no handover to print yet.</source>
        <translation>还没有可打印的交接班记录。</translation>
    </message>
    <message>
        <source>There is no responsibility zone to print yet. Add zones to the grid first.</source>
        <translation>还没有可打印的安全责任区。请先在责任网格中添加责任区。</translation>
    </message>
    <message>
        <source>Write each time as hours:minutes, for example 21:30.</source>
        <translation>时间请按“时:分”填写，例如 21:30。</translation>
    </message>
    <message>
        <source>Enter the time of {what}.</source>
        <translation>请填写“{what}”的时间。</translation>
    </message>
    <message>
        <source>The compliance rules in {file} are not valid (rule {rule}): {problem}</source>
        <translation>{file} 中的检查规则无效（规则 {rule}）：{problem}</translation>
    </message>
    <message>
        <source>{month} is not a month; write it as 2026-11.</source>
        <translation>{month} 不是有效月份，请按 2026-11 的格式填写。</translation>
    </message>
    <message>
        <source>The monthly report for {month} is finalized and can no longer change.</source>
        <translation>{month} 的安全月报表已定稿，不能再修改。</translation>
    </message>
    <message>
        <source>The comments are too long (at most {n} characters).</source>
        <translation>意见太长（最多 {n} 个字）。</translation>
    </message>
    <message>
        <source>{month} is not over yet; the report can be finalized from {day}.</source>
        <translation>{month} 尚未结束，月报表最早可于 {day} 定稿。</translation>
    </message>
    <message>
        <source>There is no finalized monthly report to print yet.</source>
        <translation>还没有可打印的已定稿月报表。</translation>
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
    <message>
        <source>No Chinese font for printing was found. Tried: {paths}. Install the WenQuanYi Micro Hei font (fonts-wqy-microhei), or set XIAOAN_PDF_FONT to a TrueType font file (.ttf or .ttc) such as Microsoft YaHei.</source>
        <translation>找不到用于打印的中文字体。已尝试：{paths}。请安装文泉驿微米黑字体（fonts-wqy-microhei），或将环境变量 XIAOAN_PDF_FONT 设为一个 TrueType 字体文件（.ttf 或 .ttc），例如微软雅黑。</translation>
    </message>
    <message>
        <source>There is no incident to print yet.</source>
        <translation>还没有可打印的突发事件。</translation>
    </message>
    <message>
        <source>{name} has no sign-in on this computer, so they cannot confirm who they are here. Ask the principal to set a password or PIN for {name} on this computer, then sign.</source>
        <translation>{name}在本机没有登录账号，无法在本机验证身份。请校长在本机为{name}设置密码或 PIN 码后再签字。</translation>
    </message>
    <message>
        <source>This person cannot sign in on this computer.</source>
        <translation>此人不能在本机登录。</translation>
    </message>
    <message>
        <source>Wrong password or PIN. {left} more wrong attempts lock the account for 15 minutes.</source>
        <translation>密码或 PIN 码不正确。再错 {left} 次，账号将被锁定 15 分钟。</translation>
    </message>
    <message>
        <source>The screen locks after {low} to {high} minutes.</source>
        <translation>自动锁屏时间须在 {low} 到 {high} 分钟之间。</translation>
    </message>
    <message>
        <source>The backup {file} is no longer there.</source>
        <translation>备份 {file} 已不存在。</translation>
    </message>
    <message>
        <source>The folder {path} already holds xiaoan data. Choose an empty folder. Nothing has been changed.</source>
        <translation>文件夹 {path} 中已有校安的数据。请选择一个空文件夹。没有做任何改动。</translation>
    </message>
    <message>
        <source>The recovery code does not open {file}: it belongs to another school&apos;s data folder, or the file is not a xiaoan backup. Nothing has been changed.</source>
        <translation>这个恢复码打不开 {file}：它属于另一所学校的数据文件夹，或者这个文件不是校安的备份。没有做任何改动。</translation>
    </message>
    <message>
        <source>{file} is not a xiaoan backup. Nothing has been changed.</source>
        <translation>{file} 不是校安的备份文件。未做任何更改。</translation>
    </message>
    <message>
        <source>xiaoan is still working with the data (a sync or a backup). Wait a moment and try again. Nothing has been changed.</source>
        <translation>校安正在处理数据（同步或备份）。请稍候再试。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup {file} was made by a newer version of xiaoan (schema {revision}). Nothing has been changed.</source>
        <translation>备份 {file} 由更新版本的校安生成（数据结构 {revision}）。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup {file} did not pass the check ({problem}). Nothing has been changed. Choose another backup.</source>
        <translation>备份 {file} 未通过检查（{problem}）。未做任何更改。请选择其他备份。</translation>
    </message>
    <message>
        <source>The backup {file} holds another school&apos;s data, or another computer&apos;s. Nothing has been changed.</source>
        <translation>备份 {file} 是其他学校或其他电脑的数据。未做任何更改。</translation>
    </message>
    <message>
        <source>Your account did not exist yet (or was not active) when the backup {file} was made: after restoring it you could not sign in. Choose a newer backup. Nothing has been changed.</source>
        <translation>备份 {file} 生成时您的账号尚未创建（或未启用），恢复后您将无法登录。请选择更新的备份。未做任何更改。</translation>
    </message>
    <message>
        <source>The current data is too damaged to tell what was already sent to the education bureau, so restoring could make this computer send the bureau numbers it already has. Nothing has been changed. Call the bureau: they can enroll this computer again.</source>
        <translation>当前数据损坏严重，无法确定哪些内容已经发送给教育局；此时恢复可能使本机向教育局重复发送已用过的编号。未做任何更改。请联系教育局为本机重新注册。</translation>
    </message>
    <message>
        <source>Only a finalized inspection can be countersigned; finalize it first.</source>
        <translation>只有已确认提交的检查才能由校长签字，请先确认提交。</translation>
    </message>
    <message>
        <source>{name} has already countersigned this inspection.</source>
        <translation>{name}已在该检查记录上签字。</translation>
    </message>
    <message>
        <source>xiaoan cannot keep its sync keys: this computer has no working keyring and {path} cannot be written ({error}).</source>
        <translation>校安无法保存同步密钥：本机没有可用的系统密钥存储，且无法写入 {path}（{error}）。</translation>
    </message>
    <message>
        <source>xiaoan cannot read its sync key {path} ({error}).</source>
        <translation>校安无法读取同步密钥 {path}（{error}）。</translation>
    </message>
    <message>
        <source>Record {id} in table {table}: field {field} differs from what its last recorded change wrote; it was changed outside xiaoan.</source>
        <translation>表 {table} 中的记录 {id}：字段 {field} 与最后一次有记录的修改不一致，说明它在小安之外被改动过。</translation>
    </message>
    <message>
        <source>Record {id} in table {table} is gone; it was deleted outside xiaoan.</source>
        <translation>表 {table} 中的记录 {id} 不见了，说明它在小安之外被删除。</translation>
    </message>
    <message>
        <source>A recorded change of record {id} in table {table} was altered or deleted: it no longer matches the audit entry that names it.</source>
        <translation>表 {table} 中记录 {id} 的一条修改记录被改动或删除：它与记载它的操作日志不再一致。</translation>
    </message>
    <message>
        <source>A change of record {id} in table {table} (field {field}) is named by no audit entry: it was added outside xiaoan.</source>
        <translation>表 {table} 中记录 {id} 的一条修改（字段 {field}）没有任何操作日志记载：它是在小安之外加进去的。</translation>
    </message>
    <message>
        <source>The data in {path} is in use by another program (an older xiaoan still running?). Close it and start xiaoan again. Nothing has been changed.</source>
        <translation>{path} 中的数据正被另一个程序使用（旧版校安还开着？）。请关闭它后重新启动校安。没有做任何改动。</translation>
    </message>
    <message>
        <source>The data in {path} could not be encrypted ({error}). Nothing has been changed; xiaoan will try again at the next start. Run xiaoan check to look at the file.</source>
        <translation>{path} 中的数据未能加密（{error}）。没有做任何改动；校安下次启动时会再试。可运行 xiaoan check 检查该文件。</translation>
    </message>
    <message>
        <source>The data in {path} is encrypted, and the file {id_file} that names its key is missing. Nothing has been changed. On a new computer, restore a backup with the school&apos;s recovery code (xiaoan restore-elsewhere).</source>
        <translation>{path} 中的数据已加密，但指明其密钥的文件 {id_file} 不见了。没有做任何改动。如果是新电脑，请用学校的恢复码恢复备份（xiaoan restore-elsewhere）。</translation>
    </message>
    <message>
        <source>The data in {path} is encrypted, and its key {name} is not on this computer: xiaoan looked in the keyring ({keyring}) and in the folder {folder}. Nothing has been changed. On a new computer, restore a backup with the school&apos;s recovery code (xiaoan restore-elsewhere).</source>
        <translation>{path} 中的数据已加密，但本机没有它的密钥 {name}：校安已在系统钥匙串（{keyring}）和文件夹 {folder} 中查找过。没有做任何改动。如果是新电脑，请用学校的恢复码恢复备份（xiaoan restore-elsewhere）。</translation>
    </message>
    <message>
        <source>none on this PC</source>
        <translation>本机没有</translation>
    </message>
    <message>
        <source>That is not the recovery code: it has 17 groups of four letters (A-F) and digits. Check each group and type it again.</source>
        <translation>这不是恢复码：恢复码共 17 组，每组 4 个字母（A-F）或数字。请逐组核对后重新输入。</translation>
    </message>
    <message>
        <source>This data folder ({path}) is a copy of {home}, which still syncs as the same computer. Sending from both would make the bureau refuse one of them. Nothing was sent: on the sync page, re-enroll this folder as a new computer.</source>
        <translation>这个数据文件夹（{path}）是 {home} 的副本，而原文件夹仍以同一台电脑的身份同步。两处都发送会使教育局拒收其中一处的数据。本次没有发送任何内容：请在同步页面把这个文件夹作为新电脑重新注册。</translation>
    </message>
    <message>
        <source>This computer&apos;s sync keys are not the ones the bureau registered (the data folder was probably copied from another computer). Nothing was sent: on the sync page, re-enroll this folder as a new computer.</source>
        <translation>本机的同步密钥不是教育局登记的那一套（数据文件夹可能是从另一台电脑复制来的）。本次没有发送任何内容：请在同步页面把这个文件夹作为新电脑重新注册。</translation>
    </message>
    <message>
        <source>This computer&apos;s sync keys cannot be found (looked in {keyring} and {path}). If the system keyring is locked, unlock it (sign in to the desktop) and try again. If the keys are lost, or this data folder was copied from another computer, re-enroll it as a new computer on the sync page.</source>
        <translation>找不到本机的同步密钥（已查找 {keyring} 和 {path}）。如果系统密钥存储已锁定，请解锁（登录桌面）后重试。如果密钥已丢失，或这个数据文件夹是从另一台电脑复制来的，请在同步页面把它作为新电脑重新注册。</translation>
    </message>
    <message>
        <source>Not registered yet: import the enrollment file the education bureau sent for this school (Import enrollment file, Ctrl+O).</source>
        <translation>尚未注册：请导入教育局发给本校的注册文件（“导入注册文件”，Ctrl+O）。</translation>
    </message>
    <message>
        <source>Not registered yet: the enrollment file is imported and this computer registers with the bureau at the next sync. Press Sync now.</source>
        <translation>尚未注册：注册文件已导入，下次同步时本机将向教育局完成注册。请按“立即同步”。</translation>
    </message>
    <message>
        <source>Not registered yet: the bureau does not know this computer. Ask the bureau for a new enrollment file for school {code} and import it (Ctrl+O); the {n} changes the bureau has not received are sent after that.</source>
        <translation>尚未注册：教育局还不认识这台电脑。请向教育局要一份学校 {code} 的新的注册文件并导入（Ctrl+O）；教育局尚未收到的 {n} 条更改随后发送。</translation>
    </message>
    <message>
        <source>This data folder seems to be a copy from another computer: the folder it was copied from still syncs with the same identity. Re-enroll this folder as a new computer (the button on the right); the school&apos;s records stay.</source>
        <translation>这个数据文件夹似乎是从另一台电脑复制来的副本：原来的文件夹仍以同一身份同步。请把这个文件夹作为新电脑重新注册（右侧按钮）；学校的记录都会保留。</translation>
    </message>
    <message>
        <source>This data folder seems to be a copy from another computer: its sync keys are not on this computer. If the system keyring is only locked, sign in to the desktop and try again; otherwise re-enroll this folder as a new computer (the button on the right); the school&apos;s records stay.</source>
        <translation>这个数据文件夹似乎是从另一台电脑复制来的副本：它的同步密钥不在本机上。如果只是系统密钥存储被锁定，请登录桌面后重试；否则请把这个文件夹作为新电脑重新注册（右侧按钮）；学校的记录都会保留。</translation>
    </message>
    <message>
        <source>This data folder seems to be a copy from another computer: its sync keys are not the ones the bureau registered. Re-enroll this folder as a new computer (the button on the right); the school&apos;s records stay.</source>
        <translation>这个数据文件夹似乎是从另一台电脑复制来的副本：它的同步密钥不是教育局登记的那一套。请把这个文件夹作为新电脑重新注册（右侧按钮）；学校的记录都会保留。</translation>
    </message>
    <message>
        <source>This data folder seems to be a copy from another computer: the bureau refused its bundles because another computer sends under the same identity or with other keys. Re-enroll this folder as a new computer (the button on the right); the school&apos;s records stay.</source>
        <translation>这个数据文件夹似乎是从另一台电脑复制来的副本：教育局拒收了它的数据包，因为另一台电脑在用同一身份或另一套密钥发送。请把这个文件夹作为新电脑重新注册（右侧按钮）；学校的记录都会保留。</translation>
    </message>
    <message>
        <source>Bundle {seq} was refused by the bureau ({reason}); the bureau must release or reject it. Call them and read this code: {code}.</source>
        <translation>第 {seq} 号包被教育局拒收（{reason}），须由教育局放行或退回。请打电话给教育局，并念出这个代码：{code}。</translation>
    </message>
    <message>
        <source>The bureau has everything up to bundle {acked} and is waiting for bundle {next} from this computer; bundles {held} wait behind it. Press Sync now, or take them by USB.</source>
        <translation>教育局已收到第 {acked} 号包及之前的全部数据，正在等待本机的第 {next} 号包；第 {held} 号包在它后面等着。请按“立即同步”，或用 U 盘送去。</translation>
    </message>
    <message>
        <source>The bureau has nothing from this computer yet and is waiting for bundle {next}; bundles {held} wait behind it. Press Sync now, or take them by USB.</source>
        <translation>教育局还没有收到本机的任何数据，正在等待第 {next} 号包；第 {held} 号包在它后面等着。请按“立即同步”，或用 U 盘送去。</translation>
    </message>
    <message>
        <source>The bureau has everything up to bundle {acked} and is waiting for bundles {open} from this computer. Press Sync now, or take them by USB.</source>
        <translation>教育局已收到第 {acked} 号包及之前的全部数据，正在等待本机的第 {open} 号包。请按“立即同步”，或用 U 盘送去。</translation>
    </message>
    <message>
        <source>The bureau has nothing from this computer yet and is waiting for bundles {open}. Press Sync now, or take them by USB.</source>
        <translation>教育局还没有收到本机的任何数据，正在等待第 {open} 号包。请按“立即同步”，或用 U 盘送去。</translation>
    </message>
    <message>
        <source>{n} changes are not yet received by the bureau. Press Sync now, or take them by USB.</source>
        <translation>有 {n} 条更改教育局尚未收到。请按“立即同步”，或用 U 盘送去。</translation>
    </message>
    <message>
        <source>The bureau has received everything from this computer (up to bundle {acked}).</source>
        <translation>教育局已收到本机的全部数据（到第 {acked} 号包为止）。</translation>
    </message>
    <message>
        <source>Nothing to send to the bureau yet.</source>
        <translation>暂时没有要发送给教育局的内容。</translation>
    </message>
    <message>
        <source>This message from the bureau is not on this PC.</source>
        <translation>本机没有这条教育局消息。</translation>
    </message>
    <message>
        <source>Write what the school has done about it.</source>
        <translation>请填写学校已采取的措施。</translation>
    </message>
    <message>
        <source>A reply is at most {limit} characters.</source>
        <translation>回复最多 {limit} 个字。</translation>
    </message>
    <message>
        <source>This supervision order is already answered.</source>
        <translation>该督办已回复。</translation>
    </message>
    <message>
        <source>This notice does not ask for an acknowledgement.</source>
        <translation>该通知不需要确认已阅。</translation>
    </message>
    <message>
        <source>This notice is already acknowledged.</source>
        <translation>该通知已确认已阅。</translation>
    </message>
    <message>
        <source>Stopped. Nothing received so far is lost.</source>
        <translation>已停止。已收到的内容不会丢失。</translation>
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
        <source>The audit trail cannot be verified: {problem}</source>
        <translation>无法核验操作日志：{problem}</translation>
    </message>
    <message>
        <source>The audit trail has been tampered with: {problem}</source>
        <translation>操作日志被篡改：{problem}</translation>
    </message>
    <message>
        <source>A record was changed outside xiaoan: {problem}</source>
        <translation>有记录在小安之外被改动：{problem}</translation>
    </message>
    <message>
        <source>… and {n} more records changed outside xiaoan.</source>
        <translation>……另有 {n} 条记录在小安之外被改动。</translation>
    </message>
    <message>
        <source>Sound: the database file passes the integrity check, all {n} audit entries are intact and {records} records agree with their last recorded change.</source>
        <translation>正常：数据库文件通过完整性检查，全部 {n} 条操作日志完好无损，{records} 条记录与其最后一次有记录的修改一致。</translation>
    </message>
    <message>
        <source>No such active user.</source>
        <translation>没有这个启用中的用户。</translation>
    </message>
    <message>
        <source>Recovery code of this school&apos;s data (print it and keep it with the school&apos;s records; with it, a backup opens on another computer):</source>
        <translation>本校数据的恢复码（请打印出来，与学校档案一起保管；凭它可以在另一台电脑上打开备份）：</translation>
    </message>
    <message>
        <source>Recovery code: </source>
        <translation>恢复码：</translation>
    </message>
    <message>
        <source>Type the recovery code to restore the backup.</source>
        <translation>请输入恢复码以恢复备份。</translation>
    </message>
    <message>
        <source>The backup is restored in {path}.</source>
        <translation>备份已恢复到 {path}。</translation>
    </message>
    <message>
        <source>Password or PIN of {name} ({username}) to sign: </source>
        <translation>请输入 {name}（{username}）的密码或 PIN 码以签名：</translation>
    </message>
    <message>
        <source>Wrote {path} (record {id}), digitally signed by {signer}.</source>
        <translation>已生成 {path}（记录 {id}），已由 {signer} 加数字签名。</translation>
    </message>
    <message>
        <source>Wrote {path} (record {id}): a paper print without a digital signature.</source>
        <translation>已生成 {path}（记录 {id}）：纸质打印件，未加数字签名。</translation>
    </message>
    <message>
        <source>{name} has no signing key on this computer.</source>
        <translation>{name} 在本机没有签名密钥。</translation>
    </message>
    <message>
        <source>To sign it, run the command in a terminal (it asks for the password or PIN) or set {env}.</source>
        <translation>如需加数字签名，请在终端中运行此命令（会询问密码或 PIN 码），或设置环境变量 {env}。</translation>
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
        <source>refused: the footer names record {id}, but the page does not show that record ({lacking}). The footer was copied onto another page.</source>
        <translation>不予认可：页脚指向记录 {id}，但页面内容并非该记录（{lacking}）。页脚是抄到别的页面上的。</translation>
    </message>
    <message>
        <source>No digital signature: this is a plain paper print; the handwritten signatures on it count.</source>
        <translation>无数字签名：这是纸质打印件，以其上的手写签字为准。</translation>
    </message>
    <message>
        <source>Digital signature broken: the file was changed after {signer} signed it.</source>
        <translation>数字签名无效：{signer} 签名后文件被修改过。</translation>
    </message>
    <message>
        <source>Digitally signed by {signer}; the signature is intact, but its certificate is not on record in this database.</source>
        <translation>已由 {signer} 加数字签名，签名完好，但其证书不在本数据库的记录中。</translation>
    </message>
    <message>
        <source>Digitally signed by {signer}; the signature is intact and its certificate is on record here.</source>
        <translation>已由 {signer} 加数字签名，签名完好，证书在本机有记录。</translation>
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
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>due</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>upcoming</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>not checkable here</source>
        <translation>本软件无法检查</translation>
    </message>
    <message>
        <source>does not apply to this school</source>
        <translation>不适用于本校</translation>
    </message>
    <message>
        <source>Compliance rules {version} ({file})</source>
        <translation>检查规则 {version}（{file}）</translation>
    </message>
    <message>
        <source>Nothing is owed for {month}: the school&apos;s records here start on {day}.</source>
        <translation>{month} 无应办事项：本校自 {day} 起在本软件中记录。</translation>
    </message>
    <message>
        <source>{month}, counted from {day} to {end}.</source>
        <translation>{month}，自 {day} 起统计至 {end}。</translation>
    </message>
    <message>
        <source>Rule | How often | Done | Due | Overdue | Upcoming | Seed</source>
        <translation>规则 | 频次 | 已完成 | 待办 | 逾期 | 未到期 | 依据</translation>
    </message>
    <message>
        <source>Not checked: {what} ({why})</source>
        <translation>未检查：{what}（{why}）</translation>
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
        <source>{n} files in the folder were not read or did not verify, and were left as they are: {names}</source>
        <translation>文件夹中有 {n} 个文件未读取或未通过校验，已原样保留：{names}</translation>
    </message>
    <message>
        <source>finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>{n} photos</source>
        <translation>{n} 张照片</translation>
    </message>
    <message>
        <source>Give the period as a month, e.g. 2026-11 (not {given}).</source>
        <translation>请按月份填写期间，如 2026-11（而不是 {given}）。</translation>
    </message>
    <message>
        <source>Drills in {month}: {n}</source>
        <translation>{month} 的演练：{n} 次</translation>
    </message>
    <message>
        <source>Required drills:</source>
        <translation>演练要求：</translation>
    </message>
    <message>
        <source>Monthly safety report {month} ({status}), due {due}</source>
        <translation>安全月报表 {month}（{status}），报送期限 {due}</translation>
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
<context>
    <name>compliance</name>
    <message>
        <source>Leader&apos;s daily campus patrol</source>
        <translation>领导每日巡查校园</translation>
    </message>
    <message>
        <source>Weekly check</source>
        <translation>周检查</translation>
    </message>
    <message>
        <source>Half-monthly hazard self-inspection</source>
        <translation>半月隐患自查</translation>
    </message>
    <message>
        <source>Monthly full check</source>
        <translation>月度全面检查</translation>
    </message>
    <message>
        <source>Major hazard monitoring</source>
        <translation>重大隐患监测</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>值班交接班</translation>
    </message>
    <message>
        <source>Daily zero report</source>
        <translation>每日平安报告（零报告）</translation>
    </message>
    <message>
        <source>Emergency drill</source>
        <translation>应急演练</translation>
    </message>
    <message>
        <source>Emergency drill (kindergarten)</source>
        <translation>应急演练（幼儿园）</translation>
    </message>
    <message>
        <source>Fire evacuation drill</source>
        <translation>消防疏散演练</translation>
    </message>
    <message>
        <source>Fire training</source>
        <translation>消防培训</translation>
    </message>
    <message>
        <source>School-bus evacuation drill</source>
        <translation>校车疏散演练</translation>
    </message>
    <message>
        <source>Monthly safety report</source>
        <translation>安全月报表</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>twice a day</source>
        <translation>每天两次</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>every half month</source>
        <translation>每半月</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>per semester</source>
        <translation>每学期</translation>
    </message>
    <message>
        <source>by day {day} of next month</source>
        <translation>次月 {day} 日前</translation>
    </message>
</context>
<context>
    <name>periods</name>
    <message>
        <source>{month} {day}, {year}</source>
        <translation>{year}年{month}{day}日</translation>
    </message>
    <message>
        <source>Week {week} ({start}–{end})</source>
        <translation>第{week}周（{start}–{end}）</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <source>Q{quarter} {year}</source>
        <translation>{year}年第{quarter}季度</translation>
    </message>
    <message>
        <source>First half of {month}</source>
        <translation>{month}上半月</translation>
    </message>
    <message>
        <source>Second half of {month}</source>
        <translation>{month}下半月</translation>
    </message>
    <message>
        <source>Spring term {year}</source>
        <translation>{year}年春季学期</translation>
    </message>
    <message>
        <source>Autumn term {year}</source>
        <translation>{year}年秋季学期</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
</context>
</TS>
