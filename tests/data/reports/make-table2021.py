import sys
rows = [
 ["一、本年新收政府信息公开申请数量", [30,5,1,0,2,1,39]],
 ["二、上年结转政府信息公开申请数量", [2,1,0,0,0,0,3]],
 ["三、本年度办理结果\t（一）予以公开", [10,2,0,0,1,0,13]],
 ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [3,1,0,0,0,0,4]],
 ["（三）不予公开\t1.属于国家秘密", [0,0,0,0,0,0,0]],
 ["2.其他法律行政法规禁止公开", [0,0,0,0,0,0,0]],
 ["3.危及“三安全一稳定”", [1,0,0,0,0,0,1]],
 ["4.保护第三方合法权益", [1,1,0,0,0,0,2]],
 ["5.属于三类内部事务信息", [0,0,0,0,0,0,0]],
 ["6.属于四类过程性信息", [1,0,0,0,0,0,1]],
 ["7.属于行政执法案卷", [0,0,0,0,0,0,0]],
 ["8.属于行政查询事项", [0,0,0,0,0,0,0]],
 ["（四）无法提供\t1.本机关不掌握相关政府信息", [8,1,1,0,1,0,11]],
 ["2.没有现成信息需要另行制作", [1,0,0,0,0,0,1]],
 ["3.补正后申请内容仍不明确", [0,0,0,0,0,0,0]],
 ["（五）不予处理\t1.信访举报投诉类申请", [2,0,0,0,0,0,2]],
 ["2.重复申请", [1,0,0,0,0,0,1]],
 ["3.要求提供公开出版物", [0,0,0,0,0,0,0]],
 ["4.无正当理由大量反复申请", [0,0,0,0,0,0,0]],
 ["5.要求行政机关确认或重新出具已获取信息", [0,0,0,0,0,0,0]],
 ["（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1,0,0,0,0,0,1]],
 ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0,0,0,0,0,0,0]],
 ["3.其他", [1,0,0,0,0,0,1]],
 ["（七）总计", None],
 ["四、结转下年度继续办理", None],
]
rows[23][1]=[sum(r[1][c] for r in rows[2:23]) for c in range(7)]
rows[24][1]=[rows[0][1][c]+rows[1][1][c]-rows[23][1][c] for c in range(7)]
for r in rows: assert sum(r[1][:6])==r[1][6], r
NEW=rows[0][1][6]; CARRY=rows[1][1][6]; DONE=rows[23][1][6]; OUT=rows[24][1][6]
t3=[1,1,0,0,2, 0,1,0,1,2, 0,0,0,1,1]
t1 = [("规章",[0,0,0]),("行政规范性文件",[5,2,31]),("行政许可",[1200]),("行政处罚",[356]),("行政强制",[12]),("行政事业性收费",[35.6])]
def mutate(kind):
    """broken variants"""
    if kind=="row": rows[4][1]=[1,0,0,0,0,0,0]   # row total wrong, also column sums
    if kind=="total": rows[23][1]=[x+ (1 if i in (0,6) else 0) for i,x in enumerate(rows[23][1])]
    if kind=="t3": t3[4]=3
variant = sys.argv[1] if len(sys.argv)>1 else ""
mutate(variant)
head = f"""XX市XX区人民政府2021年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。

一、总体情况

2021年，我区全年共收到政府信息公开申请{NEW}件，上年结转{CARRY}件。全年办结{DONE}件，结转下年度继续办理{OUT}件。因政府信息公开被申请行政复议2件，被提起行政诉讼3件。全年共举办培训4次，培训人员120人次，其中区直部门80人次、街道40人次。

二、主动公开政府信息情况
"""
tail_text = """
五、存在的主要问题及改进情况

一是主动公开的深度还不够。2022年，我区将进一步加强培训，计划于2022年6月底前完成目录更新。

六、其他需要报告的事项

本年度未收取信息处理费。

XX市XX区人民政府办公室
2022年1月20日
"""
def text_layout(sep="    "):
    out=[head]
    out.append("信息内容\t本年制发件数\t本年废止件数\t现行有效件数")
    for n,v in t1[:2]: out.append(n+"\t"+"\t".join(str(x) for x in v))
    out.append("信息内容\t本年处理决定数量")
    for n,v in t1[2:5]: out.append(n+"\t"+"\t".join(str(x) for x in v))
    out.append("信息内容\t本年收费金额（单位：万元）")
    out.append("行政事业性收费\t35.6")
    out.append("\n三、收到和处理政府信息公开申请情况\n")
    out.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况")
    out.append("自然人\t法人或其他组织\t总计")
    out.append("商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他")
    for n,v in rows: out.append(n+"\t"+"\t".join(str(x) for x in v))
    out.append("\n四、政府信息公开行政复议、行政诉讼情况\n")
    out.append("行政复议\t行政诉讼")
    out.append("未经复议直接起诉\t复议后起诉")
    out.append("\t".join(["结果维持","结果纠正","其他结果","尚未审结","总计"]*3))
    out.append("\t".join(str(x) for x in t3))
    out.append(tail_text)
    return "\n".join(out).replace("\t",sep)
def html():
    h=["<html><head><meta charset='utf-8'><title>XX市XX区人民政府2021年政府信息公开工作年度报告</title></head><body>"]
    for para in head.strip().split("\n\n"):
        h.append("<p>"+para+"</p>")
    h.append("<table border=1><tr><td colspan=4>第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>")
    for n,v in t1[:2]: h.append("<tr><td>%s</td>%s</tr>"%(n,"".join("<td>%s</td>"%x for x in v)))
    h.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>")
    h.append("<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>")
    h.append("<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>")
    h.append("<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    for n,v in rows:
        cells="".join("<td>%s</td>"%c for c in n.split("\t"))
        h.append("<tr>%s%s</tr>"%(cells,"".join("<td>%s</td>"%(x if x else "") for x in v)))
    h.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    h.append("<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr><tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>")
    h.append("<tr>"+"".join("<td>%s</td>"%x for x in ["结果维持","结果纠正","其他结果","尚未审结","总计"]*2)+"</tr>")
    h.append("<tr>"+"".join("<td>%s</td>"%x for x in t3)+"</tr></table>")
    h.append("<p>五、存在的主要问题及改进情况</p><p>一是主动公开的深度还不够。2022年，我区将进一步加强培训。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p><p style='text-align:right'>XX市XX区人民政府办公室<br>2022年1月20日</p></body></html>")
    return "\n".join(h)
def cells():
    out=[head]
    out.append("三、收到和处理政府信息公开申请情况")
    for w in ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）","申请人情况","自然人","法人或其他组织","总计","商业企业","科研机构","社会公益组织","法律服务机构","其他"]: out.append(w)
    for n,v in rows:
        for c in n.split("\t"): out.append(c)
        for x in v: out.append(str(x))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    for w in ["行政复议","行政诉讼","结果维持","结果纠正","其他结果","尚未审结","总计","未经复议直接起诉","复议后起诉"]+["结果维持","结果纠正","其他结果","尚未审结","总计"]*2: out.append(w)
    for x in t3: out.append(str(x))
    out.append("五、存在的主要问题及改进情况\n\n问题略。\n\n六、其他需要报告的事项\n\n无。\n\n2022年1月20日")
    return "\n".join(out)
def markdown():
    out=[head.replace("一、总体情况","## 一、总体情况")]
    out.append("\n## 三、收到和处理政府信息公开申请情况\n")
    out.append("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for n,v in rows:
        parts=n.split("\t")
        if len(parts)==1: parts=["",parts[0]]
        out.append("| "+" | ".join(parts)+" | "+" | ".join(str(x) if x else " " for x in v)+" |")
    out.append("\n## 四、政府信息公开行政复议、行政诉讼情况\n")
    out.append("| 行政复议 | | | | | 行政诉讼 |")
    out.append("|"+"---|"*15)
    out.append("| "+" | ".join(["结果维持","结果纠正","其他结果","尚未审结","总计"]*3)+" |")
    out.append("| "+" | ".join(str(x) for x in t3)+" |")
    out.append(tail_text)
    return "\n".join(out)
fmt = sys.argv[2]
data = {"text": text_layout, "html": html, "cells": cells, "md": markdown}[fmt]()
sys.stdout.write(data)
