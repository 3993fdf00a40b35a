"""Multilingual lexicons of reviewer manipulation, compiled once.

Each language contributes patterns to the same signal classes, so the scanner runs one
regex per class over a text, whatever its language:

- ``override``   commands to drop the reader's instructions ("ignore previous instructions")
- ``request``    an explicit request for a verdict ("give a positive review", "recommend acceptance")
- ``outcome``    evaluation outcomes ("strong accept", "highest score", "should be accepted")
- ``addressee``  who is spoken to: reviewers, referees, language models, assistants
- ``directive``  imperative or obligation markers ("please", "you must", "do not")
- ``praise``     weak evaluative vocabulary ("groundbreaking", "flawless")
- ``chat``       chat-template and role tokens ("<|im_start|>", "[SYSTEM]")
- ``meta``       vocabulary of papers *about* attacks (used to discount quoted examples)

The patterns are written for the shape of the request, not for one phrasing: a verb of
giving/assigning near an evaluation noun near a positive modifier, in each language.
"""

from __future__ import annotations

import re

# Bounded gaps keep every pattern linear-time on hostile input.
_G = r"[^.!?\n。！？]{0,40}?"  # a short gap inside one sentence
_g = r"[^.!?\n。！？]{0,20}?"

EN = {
    "override": [
        rf"\b(?:ignore|disregard|forget|skip|bypass|override|overrule|neglect|discard|drop|abandon|set aside)\b{_G}\b(?:previous|prior|above|earlier|preceding|foregoing|all|any|other|original|initial|existing|default|given|system|your)\b{_g}\b(?:instructions?|prompts?|directions?|directives?|rules?|guidelines?|guidance|constraints?|commands?|criteria|rubrics?|context|policies|polic(?:y|ies)|orders?|messages?|tasks?)\b",
        r"\b(?:new|updated|revised|real|actual|true|hidden|secret|additional|override|priority)\s+(?:instructions?|task|prompt|directives?|orders?)\s*[:：]",
        r"\bsystem\s+(?:prompt|message|instruction)s?\b",
        r"\b(?:forget|ignore|disregard|drop)\s+(?:everything|all|anything|whatever)\s+(?:(?:you were|you've been|you have been) told|above|before|previously|prior|so far|else)\b",
        r"(?:^|[.!?\n]\s*)(?:system\s+)?override\s*[:\-]",
        r"\b(?:hidden|secret|special|additional|priority|confidential) (?:instructions?|directives?|messages?|notes?|commands?) (?:for|to) (?:the |any |all )?(?:[\w-]+ )?(?:reviewers?|review(?:ing)? (?:system|model|agent|tool)|models?|llms?|ai|assistants?|evaluators?|agents?)\b",
        rf"(?:^\s*|[.!?:;\n\"“(\[]\s*)(?:please\s+|now\s+|first,?\s+)?(?:ignore|disregard|forget|bypass|override|discard|set aside)\b{_G}\b(?:instructions?|rubrics?|guidelines?|review(?:ing)? (?:criteria|guidelines|form)|system prompt|prompts?|rules)\b",
        r"\b(?:instructions?|rubrics?|guidelines?|prompts?|criteria|directions)\s+(?:above|given (?:above|earlier|before|previously)|you (?:were|have been) given|provided (?:above|earlier|before))\b",
        r"\b(?:you are now|from now on,? you|act as (?:an?|the) (?:reviewer|referee|assistant)|pretend (?:to be|you are)|role-?play as)\b",
        r"\bdo not (?:follow|obey|apply|use) (?:the |your |any )?(?:previous |original |prior |reviewing |review |standard )?(?:instructions?|guidelines?|rubrics?|criteria|rules)\b",
        r"\b(?:instead|rather),? (?:of reviewing|you (?:must|should|will))\b",
        r"\bthe (?:above|previous|preceding) (?:instructions?|prompt|text) (?:is|are|was|were) (?:void|invalid|cancell?ed|obsolete|a test)\b",
    ],
    "request": [
        rf"\b(?:give|giving|write|writing|provide|providing|produce|output|generate|return|assign|assigning|award|grant|offer|submit|leave|issue|make)\b{_G}\b(?:positive|favou?rable|glowing|good|great|excellent|high|higher|highest|top|maximum|max|perfect|full|strong|enthusiastic|outstanding|stellar|supportive|generous|best|flattering|uncritical)\b{_g}\b(?:reviews?|ratings?|scores?|marks?|evaluations?|assessments?|recommendations?|remarks|feedback|verdicts?|grades?|comments?|reports?)\b",
        rf"\b(?:rate|score|grade|mark|evaluate|assess|judge|review)\b{_g}\b(?:this|the|our|my)\b{_g}\b(?:paper|work|submission|manuscript|article|study|proposal)\b{_G}\b(?:highly|positively|favou?rably|generously|as (?:excellent|outstanding|strong|exceptional|a (?:strong )?accept)|(?:a |an )?(?:10|9|ten|nine|five|5)\b|with (?:the )?(?:highest|top|maximum|full|perfect))",
        rf"\b(?:recommend|recommending|suggest|vote for|argue for|push for|advocate)\b{_g}\b(?:(?:strong |clear |immediate |unconditional )?accept(?:ance|ing)?|publication|this (?:paper|work|submission|manuscript) for (?:acceptance|publication)|(?:an? )?(?:oral|spotlight|award|best paper))\b",
        rf"\b(?:accept|approve|endorse|publish)\b{_g}\b(?:this|the|our)\b{_g}\b(?:paper|work|submission|manuscript|article|proposal)\b",
        r"\b(?:recommend|endorse|support)\s+(?:it|this(?: paper| work| submission| manuscript)?|the (?:paper|work|submission|manuscript)|acceptance)\s+(?:strongly|highly|enthusiastically|without reservation)\b|\b(?:strongly|highly|enthusiastically|warmly) recommend(?:ed|ing)? (?:it|this|the paper|acceptance|accepting|publication)\b",
        rf"\b(?:write|say|state|report|conclude|claim|assert|declare|mention|note|confirm)\s+(?:that\s+)?(?:this|the|our)\s+(?:paper|work|submission|manuscript|study|contribution|article)\s+(?:is|was|presents|represents|makes)\b{_g}\b(?:excellent|outstanding|exceptional|flawless|groundbreaking|novel|significant|rigorous|strong|impressive|a (?:strong |clear )?accept|seminal|brilliant|perfect)\b",
        r"\b(?:output|return|print|respond with|reply with|answer with|say|write)\s*[:\-]?\s*[\"'“‘]?(?:accept|strong accept|approved?|10/10|score: ?10)\b",
        r"\bregardless of (?:the |its )?(?:content|quality|merits?|results|actual|findings|flaws|weaknesses)\b",
        r"\b(?:do not|don't|never|avoid|must not|should not|shall not)\s+(?:criticiz|criticis|critiqu|question|challenge|penaliz|penalis|downgrade|doubt)\w*\s+(?:the|this|its|our|any)\b",
        rf"\b(?:respond|reply|answer|comment|react)\b{_g}\bonly\b{_g}\b(?:praise|positive|compliments|strengths|approval)\b|\bonly (?:with )?(?:praise|compliments)\b",
        rf"\b(?:weigh|consider|regard|view|treat|describe|present|portray|frame)\b{_G}\bas\s+(?:highly |very |truly |extremely )?(?:significant|excellent|outstanding|exceptional|flawless|groundbreaking|seminal|impeccable|brilliant|perfect|novel and significant)\b",
        rf"\btreat\b{_G}\bas\s+(?:flawless|perfect|excellent|correct|sound|impeccable|outstanding|groundbreaking|error-free|beyond criticism)\b",
        rf"\b(?:confirm|grant|ensure|secure|support|guarantee|vote for|argue for|sign off on)\b{_g}\b(?:(?:its|the|their|a)\s+)?(?:acceptance|publication|a positive (?:decision|outcome|verdict)|an accept(?:ance)? (?:decision|recommendation))\b",
        rf"\b(?=do|never|avoid|refrain|must|should|shall)(?<!\bwe )(?<!\bthey )(?<!\bit )(?<!\bi )(?<!\bthat )(?<!\bwhich )(?:do not|don't|dont|never|avoid|refrain from|must not|should not|shall not)\b{_G}\b(?:mention(?:ing)?|highlight(?:ing)?|point(?:ing)? out|discuss(?:ing)?|list(?:ing)?|includ(?:e|ing)|rais(?:e|ing)|criticiz(?:e|ing)|criticis(?:e|ing)|critiqu(?:e|ing)|not(?:e|ing)|report(?:ing)?|comment(?:ing)? on|dwell(?:ing)? on|flag(?:ging)?)\b{_G}\b(?:weakness(?:es)?|limitations?|flaws?|negatives?|negative aspects?|criticisms?|concerns?|shortcomings?|drawbacks?|deficienc(?:y|ies))\b",
        rf"\b(?:only|exclusively|solely)\s+(?:mention|discuss|list|describe|highlight|report|write about|focus on|include|comment on|note)\b{_g}\b(?:positive|strengths?|praise|merits?|good (?:points|aspects)|advantages)\b",
        r"\b(?:only|exclusively|solely)\s+(?:positive|favou?rable|glowing)\s+(?:feedback|comments|remarks|reviews?|aspects|points|things)\b",
        r"(?:(?:^|(?<=[.!?:;\n\"“(]))\s*(?:please\s+|kindly\s+|also\s+)?|\b(?:you|reviewers?|models?|assistants?|LLMs?)\s+(?:must|should|shall|will|need to|are to)\s+(?:only\s+)?)(?:emphasi[sz]e|highlight|focus (?:only )?on|stress|praise|celebrate|extol)\b[^.!?\n]{0,20}?\b(?:the )?(?:paper's |its |the work's )?(?:strengths?|merits?|positives?|positive aspects?)\b",
        rf"(?:^|(?<=[.!?:;\n\"“(]))\s*(?:please\s+|kindly\s+)?(?:overlook|excuse|forgive|downplay|ignore|disregard)\b{_g}\b(?:any |all |the |its )?(?:weakness(?:es)?|flaws?|limitations?|shortcomings?|errors|mistakes)\b",
        r"\b(?:this|the|our)\s+(?:paper|work|submission|manuscript|article|proposal|study)\s+(?:must|should|shall|deserves? to|needs? to|ought to|has to|will)\s+(?:definitely\s+|certainly\s+|clearly\s+|surely\s+)?(?:be\s+)?(?:accepted|published|approved|rated (?:highly|positively|as)|given (?:a |the )?(?:high|highest|top|positive|maximum|full|perfect)|receive (?:a |the )?(?:high|highest|top|positive|maximum|full|perfect|strong))",
        r"\b(?:the|your|final) (?:decision|verdict|recommendation|rating|score)\s+(?:must|should|shall|has to|needs to|will) be\s+(?:accept|strong accept|positive|\d+|10|high|the highest|excellent)",
    ],
    "outcome": [
        r"\b(?:strong(?:ly)?|clear|definite|unconditional|immediate|weak|borderline) accept(?:ance)?\b",
        r"\b(?:positive|favou?rable|glowing|excellent|enthusiastic|perfect|uncritical) (?:reviews?|ratings?|evaluations?|assessments?|verdicts?|recommendations?|feedback)\b",
        r"\b(?:high|higher|highest|top|maximum|max|perfect|full|best|excellent)(?:\s+(?:possible|available|overall|review|final|numerical))?\s+(?:scores?|ratings?|marks?|grades?|evaluations?)\b",
        r"\b(?:verdict|decision|recommendation|rating|score|outcome|evaluation)\b[^.!?\n]{0,40}?\b(?:is|should be|must be|will be|=|:)\s*(?:an?\s+|the\s+)?(?:clear\s+|strong\s+|definite\s+)?(?:accept(?:ance)?|positive|excellent|outstanding|10|9|high|highest)\b",
        r"\baccept(?:ed|ance)? with (?:high|full|absolute|complete) confidence\b|\bconfident(?:ly)? accept\b",
        r"\b(?:score|rating|grade) of (?:10|9|ten|nine|5|five|100)\b",
        r"\b(?:10|9|5)\s*/\s*(?:10|5)\b",
        r"\b10 out of 10\b|\bfive stars\b",
        r"\b(?:recommend(?:ation)?(?:ed)? for acceptance|acceptance recommendation|accept(?:ed)? for publication|be accepted|deserves? acceptance|worthy of (?:acceptance|publication|the highest))\b",
        r"\b(?:best paper|outstanding paper) award\b",
        r"\bmerits?\s+(?:publication|acceptance|a high|the highest|an? (?:award|oral|spotlight))\b|\b(?:worthy|deserving) of (?:publication|acceptance|an? (?:award|oral))\b",
    ],
    "addressee": [
        r"\b(?:(?:ai|llm|automated|automatic|machine|model|bot|gpt|chatgpt|claude|gemini|llama|deepseek|qwen|mistral|virtual)[- ]?(?:based )?(?:reviewers?|referees?|assistants?|agents?|evaluators?|judges?|readers?|systems?|models?|tools?))\b",
        r"\b(?:reviewers?|referees?|meta-?reviewers?|area chairs?|program committee|evaluators?|examiners?)\b",
        r"\b(?:if|as|since|when|because) you(?:'re| are)? (?:an? |the )?(?:ai|llm|language model|assistant|model|reviewer|bot|automated \w+|machine)\b",
        r"\b(?:when|while|before|as you are)\s+(?:generating|writing|drafting|producing|preparing|composing|summari[sz]ing)\s+(?:the|your|a|this)\s+(?:review|assessment|evaluation|summary|report|meta-?review|verdict)\b",
        r"\b(?:any|every|each|the|an?)\s+(?:model|system|AI|tool|agent|program|reader|bot)s?\b[^.!?\n]{0,30}?\b(?:evaluat|review|assess|judg|rat(?:e|es|ing)\b|scor|summari[sz]|read)\w*",
        r"\b(?:large )?language models?\b|\bLLMs?\b|\bchat-?gpt\b|\bGPT-?\d(?:\.\d)?o?\b|\bclaude\b|\bgemini\b|\bcopilot\b|\bassistant\b",
    ],
    "directive": [
        r"\b(?:please|kindly)\b",
        r"\byou (?:must|should|shall|need to|have to|are (?:required|instructed|asked|expected|supposed|told) to|will|are to)\b",
        rf"\b(?:reviewers?|referees?|LLMs?|models?|assistants?|evaluators?|AI|systems?|agents?|judges?)\b{_G}\b(?:must|should|shall|need to|needs to|have to|has to|are (?:required|instructed|asked|expected|advised) to|is (?:required|instructed|asked|expected) to)\b",
        r"\b(?:it is|it's) (?:essential|important|critical|crucial|mandatory|required|necessary|imperative) that\b",
    ],
    "praise": [
        r"\b(?:groundbreaking|ground-breaking|revolutionary|flawless|impeccable|exceptional(?:ly)?|outstanding|excellent|remarkable|brilliant|paradigm[- ]shifting|landmark|seminal|masterpiece|extraordinary|unprecedented|stellar|superb|perfect|faultless|transformative|game[- ]changing|must[- ]read)\b",
    ],
    "weak": [
        r"\b(?:accept(?:ance|ed)?|reject(?:ion|ed)?|novel(?:ty)?|strengths?|merits?|ratings?|scores?|award|verdict|endorsed?|publication|full marks|rigorous|conclusive|compelling|convincing|significant contribution)\b",
    ],
    "chat": [
        r"<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|eot_id)\|>",
        r"\[/?(?:INST|SYS|SYSTEM)\]|<<\s*/?SYS\s*>>|<\s*/?(?:system|instructions?)\s*>",
        r"(?:^|\n)\s*(?:#{2,}\s*)?(?:system|assistant|instruction|human|user)\s*:\s",
        r"\bBEGIN (?:SYSTEM|HIDDEN|SECRET) (?:PROMPT|INSTRUCTIONS?)\b",
    ],
    "meta": [
        r"\bprompt[- ]injections?\b|\binjection attacks?\b|\bjailbreak(?:s|ing)?\b|\badversarial (?:prompts?|instructions?|suffix(?:es)?)\b",
        r"\b(?:attack(?:er|ers|s)?|malicious|payloads?|red[- ]team(?:ing)?|threat model|defen[cs]es?|detectors?|obfuscat(?:ed|ion)|hidden instructions?)\b",
    ],
}

ZH = {
    "override": [
        r"(?:忽略|无视|忽视|不要理会|不理会|忘记|忘掉|跳过|抛弃|放弃)(?:掉)?(?:之前|以前|先前|上面|上述|前面|此前|原来|原有|所有|全部|一切|任何|系统)?(?:的)?(?:所有|全部|任何|一切)?(?:的)?(?:指令|指示|提示词?|说明|规则|要求|命令|设定|任务)",
        r"(?:新的?|真正的|最新的?|额外的?)(?:指令|任务|指示)\s*[:：]",
        r"系统提示",
    ],
    "request": [
        r"(?:给予?|给出|打出?|提供|写出?|作出|做出)[^。！？\n]{0,12}?(?:正面|积极|好|高|最高|满|优秀|肯定|有利|正向|极高|很高)(?:的)?(?:评价|评审|评分|分数|分|意见|审稿意见|打分|评级|推荐)",
        r"(?:接受|录用|录取|通过|接收)(?:本文|这篇论文|该论文|此论文|该稿件|本稿件|这篇文章|此文)",
        r"(?:推荐|建议)(?:接受|录用|发表|接收|录取)",
        r"(?:不要|不得|切勿|请勿|禁止|无需|不必)(?:提及|指出|提到|写|列出|讨论|批评|强调)[^。！？\n]{0,8}?(?:任何)?(?:缺点|不足|弱点|局限|问题|缺陷|负面)",
        r"只(?:写|提|列出|强调|关注|谈)(?:优点|长处|正面|亮点|贡献)",
        r"(?:应当|应该|必须|一定要|务必)(?:被)?(?:接受|录用|录取|发表|给予高分)",
    ],
    "outcome": [
        r"满分|最高分|强烈(?:推荐|接受)|高分|(?:正面|积极|好|高|最高|满|优秀|肯定|有利|正向|极高|很高)(?:的)?(?:评价|评审|评分|分数|审稿意见|打分|评级)"
    ],
    "addressee": [
        r"审稿人|审稿专家|评审人|评审员|评审专家|审阅者|审稿者|评审者|大语言模型|语言模型|人工智能|AI助手|智能助手|助手"
    ],
    "directive": [r"请|务必|必须|一定要|应当|应该|只能|不要|不得|切勿|禁止"],
    "praise": [r"开创性|突破性|革命性|完美无缺|无懈可击|杰出|卓越|里程碑"],
    "chat": [],
    "meta": [r"提示注入|注入攻击|越狱|对抗性?提示|恶意指令"],
}

JA = {
    "override": [
        r"(?:以前|前|上記|これまで|先|過去|全て|すべて|元|既存|システム)の(?:すべての|全ての|全)?(?:指示|命令|プロンプト|指令|ルール|設定)(?:を|は)?(?:すべて|全て)?(?:無視|忘れ|破棄)",
        r"(?:指示|命令|プロンプト)を(?:すべて|全て)?(?:無視|忘れ)",
        r"新しい(?:指示|命令|タスク)\s*[:：]",
    ],
    "request": [
        r"(?:肯定的|好意的|高い|ポジティブ|良い|最高|最高の|満点の?|好評価の?|積極的)(?:な)?(?:評価|レビュー|スコア|点数|査読|評点|コメント)(?:を)?(?:して|与え|付け|つけ|書い|出し)",
        r"(?:採択|受理|アクセプト|掲載)(?:して|すべき|を推薦|を推奨|を勧め|としてください|してください|を強く推薦)",
        r"(?:弱点|欠点|短所|限界|問題点|不備)(?:には|を|について)?(?:一切)?(?:言及|触れ|指摘|記載)(?:しない|しないで|するな|せず)",
        r"(?:長所|強み|利点|良い点)(?:のみ|だけ)(?:を)?(?:強調|記述|述べ|書)",
    ],
    "outcome": [
        r"満点|最高評価|高評価|強く採択|採択を推薦|(?:肯定的|好意的|高い|ポジティブ|良い|最高|満点)(?:な|の)?(?:評価|レビュー|スコア|点数|評点)"
    ],
    "addressee": [
        r"査読者|査読委員|レビュアー|審査員|評価者|大規模言語モデル|言語モデル|AIアシスタント|アシスタント"
    ],
    "directive": [r"してください|しなさい|すること|せよ|ください|必ず|べき|しないで"],
    "praise": [r"画期的|革新的|完璧|卓越|傑出"],
    "chat": [],
    "meta": [r"プロンプトインジェクション|インジェクション攻撃|脱獄"],
}

KO = {
    "override": [
        r"(?:이전|앞의|위의|모든|기존|시스템|원래)\s*(?:의\s*)?(?:모든\s*)?(?:지시|지침|명령|프롬프트|지시사항|규칙)(?:을|를|은|는|들을)?\s*(?:모두\s*|전부\s*)?(?:무시|잊)",
        r"새로운\s*(?:지시|지침|명령|작업)\s*[:：]",
    ],
    "request": [
        r"(?:긍정적|호의적|높은|최고의?|좋은|만점|우수한|최상의?)\s*(?:인\s*)?(?:평가|리뷰|점수|심사|평점|의견)(?:을|를)?\s*(?:주|줘|주세요|주십시오|하|해|내|작성)",
        r"(?:채택|승인|게재|수락|합격)(?:을|를)?\s*(?:하십시오|하세요|해\s*주세요|권고|추천|권장|해야)",
        r"(?:약점|단점|한계|문제점|결함)(?:을|를|은|는|에\s*대해)?\s*(?:절대\s*)?(?:언급하지|지적하지|쓰지|말하지)",
        r"(?:장점|강점)(?:만)\s*(?:을|를)?\s*(?:강조|언급|작성)",
    ],
    "outcome": [
        r"만점|최고\s*점수|강력\s*(?:채택|추천)|높은\s*점수|(?:긍정적|호의적|높은|최고의?|좋은|우수한|최상의?)\s*(?:인\s*)?(?:평가|리뷰|점수|심사|평점)"
    ],
    "addressee": [r"심사위원|심사자|리뷰어|검토자|평가자|언어\s*모델|인공지능|어시스턴트"],
    "directive": [r"하십시오|하세요|해\s*주세요|하라|해야|반드시|마십시오|마세요|말\s*것"],
    "praise": [r"획기적|혁신적|완벽한|탁월한"],
    "chat": [],
    "meta": [r"프롬프트\s*인젝션|주입\s*공격|탈옥"],
}

DE = {
    "override": [
        rf"\b(?:ignoriere|ignorieren sie|ignoriert|vergiss|vergessen sie|missachte|missachten sie|übergehe|verwirf|verwerfen sie)\b{_G}\b(?:vorherigen?|bisherigen?|obigen?|alle|allen|früheren?|vorangegangenen?|ursprünglichen?)\b{_g}\b(?:Anweisungen|Anweisung|Instruktionen|Befehle|Anordnungen|Vorgaben|Regeln|Richtlinien|Aufgaben?)\b",
        r"\bneue (?:Anweisungen?|Aufgabe|Instruktionen?)\s*:",
    ],
    "request": [
        rf"\b(?:gib|geben sie|gebt|erteile|erteilen sie|vergib|vergeben sie|schreibe|schreiben sie|verfasse|verfassen sie)\b{_G}\b(?:positive|positives|positiven|wohlwollende|wohlwollendes|gute|gutes|hohe|hohes|höchste|höchstes|beste|bestes|ausgezeichnete|sehr gute|volle)\b{_g}\b(?:Bewertung|Begutachtung|Rezension|Beurteilung|Note|Punktzahl|Wertung|Gutachten|Empfehlung|Punkte)\b",
        rf"\b(?:empfiehl|empfehlen sie|empfehlt)\b{_G}\b(?:Annahme|Akzeptanz|Veröffentlichung|anzunehmen)\b",
        r"\b(?:Annahme|Veröffentlichung) (?:empfehlen|empfohlen)\b",
        rf"\b(?:nimm|nehmen sie|akzeptiere|akzeptieren sie)\b{_g}\b(?:diese[ns]?|die|das|den)\b{_g}\b(?:Arbeit|Artikel|Beitrag|Manuskript|Einreichung|Paper)\b",
        rf"\b(?:erwähne|erwähnen sie|nenne|nennen sie|kritisiere|kritisieren sie)\b{_G}\b(?:keine|nicht)\b{_g}\b(?:Schwächen|Schwachstellen|Mängel|Kritik|Einschränkungen|Probleme|Nachteile)\b",
        rf"\b(?:keine|nicht die)\b{_g}\b(?:Schwächen|Schwachstellen|Mängel|Kritikpunkte|Einschränkungen|Nachteile)\b{_g}\b(?:erwähnen|nennen|aufführen|anmerken)\b",
        r"\b(?:muss|soll|sollte|müssen) (?:unbedingt )?(?:angenommen|akzeptiert|veröffentlicht) werden\b",
        rf"\b(?:nur|ausschließlich)\b{_g}\b(?:Stärken|positive|Vorzüge)\b",
    ],
    "outcome": [
        r"\b(?:klare|starke|uneingeschränkte) (?:Annahme|Akzeptanz)\b|\bHöchstnote\b|\bBestnote\b|\bvolle Punktzahl\b",
        r"\b(?:positiv|wohlwollend|gut|hoh|höchst|best|ausgezeichnet|hervorragend|voll)\w*\s+(?:Bewertung|Begutachtung|Rezension|Beurteilung|Note|Punktzahl|Wertung|Gutachten|Empfehlung|Punkte)\b",
        r"\b(?:zur Annahme|zur Veröffentlichung)\b",
    ],
    "addressee": [
        r"\b(?:Gutachter(?:in|innen)?|Reviewer(?:in)?|Rezensent(?:in|en)?|Begutachter|Sprachmodell(?:e)?|KI|KI-Gutachter|KI-Assistent|Assistent)\b"
    ],
    "directive": [
        r"\b(?:bitte|geben Sie|gib|bewerten Sie|bewerte|empfehlen Sie|empfiehl|erwähnen Sie|erwähne|müssen Sie|sollten Sie|musst du|sollst du|du musst|du sollst|Sie müssen|Sie sollten)\b"
    ],
    "praise": [
        r"\b(?:bahnbrechend\w*|revolutionär\w*|makellos\w*|herausragend\w*|hervorragend\w*|exzellent\w*)\b"
    ],
    "chat": [],
    "meta": [r"\bPrompt-?Injection\b|\bInjektionsangriff\w*\b"],
}

FR = {
    "override": [
        rf"\b(?:ignore[rz]?|ignorez|oublie[rz]?|oubliez|ne tenez pas compte|ne tiens pas compte|faites abstraction|fais abstraction|écartez|écarte)\b{_G}\b(?:précédentes?|antérieures?|ci-dessus|toutes?|les|initiales?|originales?)\b{_g}\b(?:instructions?|consignes?|directives?|règles?|ordres?|indications?)\b",
        r"\bnouvelles? (?:instructions?|consignes?|tâche)\s*:",
    ],
    "request": [
        rf"\b(?:donne[rz]?|donnez|attribue[rz]?|attribuez|accorde[rz]?|accordez|rédige[rz]?|rédigez|écri(?:s|vez|re)|fourni(?:s|ssez|r))\b{_G}\b(?:évaluations?|critiques?|avis|notes?|revues?|appréciations?|scores?|recommandations?|rapports?)\b{_g}\b(?:positi(?:f|fs|ve|ves)|favorables?|élogieu(?:x|se|ses)|excellent(?:e|es|s)?|maximal(?:e|es)?|élevé(?:e|es|s)?|parfait(?:e|es|s)?|très bon(?:ne|nes|s)?|enthousiastes?)\b",
        rf"\b(?:donne[rz]?|donnez|attribue[rz]?|attribuez|accorde[rz]?|accordez)\b{_G}\b(?:la |une )?(?:meilleure|plus haute|note maximale|note parfaite)\b",
        rf"\b(?:recommande[rz]?|recommandez|préconisez)\b{_G}\b(?:l'acceptation|l’acceptation|acceptation|la publication|d'accepter|d’accepter)\b",
        rf"\b(?:accepte[rz]?|acceptez)\b{_g}\b(?:cet|cette|ce|l'|l’|le|la)\s*(?:article|papier|travail|manuscrit|soumission|proposition)\b",
        rf"\bne (?:mentionne[rz]?|mentionnez|signale[rz]?|signalez|cite[rz]?|citez|relève[rz]?|relevez|évoque[rz]?|évoquez|soulignez|critiquez)\b{_G}\b(?:aucune?s?|pas|les)\b{_g}\b(?:faiblesses?|limites?|limitations?|défauts?|lacunes?|problèmes?|points faibles|critiques?)\b",
        r"\b(?:doit|devrait|mérite d'?|mérite d’)\s*(?:absolument\s+)?(?:être\s+)?(?:accepté|acceptée|publié|publiée)\b",
        rf"\b(?:uniquement|seulement)\b{_g}\b(?:les )?(?:points forts|forces|qualités|aspects positifs)\b",
    ],
    "outcome": [
        r"\b(?:acceptation (?:forte|sans réserve)|note maximale|note parfaite|avis (?:très )?favorable)\b|\b(?:évaluation|critique|avis|note|revue|appréciation|recommandation)s?\s+(?:très\s+)?(?:positi(?:f|ve)|favorable|élogieu(?:x|se)|excellente|maximale|élevée|parfaite)s?\b"
    ],
    "addressee": [
        r"\b(?:relecteurs?|relectrices?|évaluateurs?|évaluatrices?|rapporteurs?|examinateurs?|modèles? de langage|IA|assistant)\b"
    ],
    "directive": [
        r"\b(?:veuillez|donnez|donne|attribuez|recommandez|acceptez|ne mentionnez|vous devez|il faut|devez|merci de)\b"
    ],
    "praise": [
        r"\b(?:révolutionnaire|remarquable|exceptionnel(?:le)?|irréprochable|parfait(?:e)?|novateur|novatrice)\b"
    ],
    "chat": [],
    "meta": [r"\binjection de (?:prompt|requête|consignes?)\b|\battaques? par injection\b"],
}

ES = {
    "override": [
        rf"\b(?:ignora|ignore|ignorad|ignoren|olvida|olvide|olviden|olvidad|omite|omita|descarta|descarte|haz caso omiso|haga caso omiso|pasa por alto)\b{_G}\b(?:anteriores?|previas?|previos?|todas?|todos?|las|los|originales?|iniciales?)\b{_g}\b(?:instrucciones|indicaciones|órdenes|reglas|directrices|consignas|pautas)\b",
        r"\bnuevas (?:instrucciones|indicaciones|órdenes)\s*:",
    ],
    "request": [
        rf"\b(?:da|dé|de|den|dale|denle|otorga|otorgue|otorguen|asigna|asigne|asignen|escribe|escriba|emite|emita|redacta|redacte|concede|conceda)\b{_G}\b(?:reseñas?|revisi(?:ón|ones)|evaluaci(?:ón|ones)|valoraci(?:ón|ones)|calificaci(?:ón|ones)|puntuaci(?:ón|ones)|notas?|opini(?:ón|ones)|dictamen|informes?|recomendaci(?:ón|ones))\b{_g}\b(?:positivas?|positivos?|favorables?|excelentes?|altas?|máximas?|perfectas?|muy buenas?|entusiastas?)\b",
        rf"\b(?:da|dé|otorga|otorgue|asigna|asigne)\b{_G}\b(?:la )?(?:máxima|mejor|más alta) (?:puntuación|calificación|nota)\b",
        rf"\b(?:recomienda|recomiende|recomienden|recomendar)\b{_G}\b(?:la aceptación|aceptación|su aceptación|aceptar|la publicación|publicar)\b",
        rf"\b(?:acepta|acepte|acepten)\b{_g}\b(?:este|esta|el|la)\b{_g}\b(?:artículo|trabajo|manuscrito|envío|propuesta|paper)\b",
        rf"\bno (?:menciones|mencione|mencionen|señales|señale|señalen|incluyas|incluya|critiques|critique|destaques|destaque)\b{_G}\b(?:debilidades|limitaciones|defectos|fallos|puntos débiles|problemas|carencias|deficiencias)\b",
        r"\b(?:debe|debería|merece)\s+(?:ser\s+)?(?:aceptado|aceptada|publicado|publicada)\b",
        rf"\b(?:solo|solamente|únicamente)\b{_g}\b(?:las )?(?:fortalezas|puntos fuertes|aspectos positivos|virtudes)\b",
    ],
    "outcome": [
        r"\b(?:aceptación (?:fuerte|inmediata|sin reservas)|puntuación máxima|nota máxima|calificación máxima)\b|\b(?:reseña|revisión|evaluación|valoración|calificación|puntuación|nota|opinión)\s+(?:muy\s+)?(?:positiva|favorable|excelente|alta|máxima|perfecta)s?\b|\b(?:máxima|mejor|más alta)\s+(?:puntuación|calificación|nota)\b"
    ],
    "addressee": [
        r"\b(?:revisor(?:es|a|as)?|evaluador(?:es|a|as)?|árbitros?|dictaminador(?:es)?|modelos? de lenguaje|IA|asistente)\b"
    ],
    "directive": [
        r"\b(?:por favor|dé|otorgue|asigne|recomiende|acepte|debe|deben|debes|no mencione)\b"
    ],
    "praise": [
        r"\b(?:revolucionari[oa]|impecable|excepcional|innovador(?:a)?|extraordinari[oa])\b"
    ],
    "chat": [],
    "meta": [r"\binyecci(?:ón|ones) de (?:prompts?|instrucciones)\b"],
}

RU = {
    "override": [
        rf"\b(?:игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|не обращай(?:те)? внимания на|отбрось(?:те)?|отмени(?:те)?|пренебреги(?:те)?)\s{_G}(?:предыдущие|прежние|все|вышеуказанные|вышеприведённые|вышеприведенные|ранее данные|исходные|системные|любые)\s{_g}(?:инструкции|указания|команды|правила|установки|распоряжения|подсказки|требования)",
        r"\bнов(?:ые|ая|ое) (?:инструкци[яи]|указания|задача|задание)\s*:",
        r"\bсистемн(?:ый|ая|ое) (?:промпт|подсказка|инструкция)",
    ],
    "request": [
        rf"\b(?:поставь(?:те)?|дай(?:те)?|выстав(?:и|ите)|напиши(?:те)?|присвой(?:те)?|оставь(?:те)?|сделай(?:те)?)\s{_G}(?:положительн|благоприятн|высок|высш|максимальн|хорош|отличн|наивысш|лучш|восторженн)\w*\s{_g}(?:оценк|рецензи|отзыв|балл|заключени|рекомендаци)\w*",
        rf"\b(?:рекомендуй(?:те)?|порекомендуй(?:те)?|рекомендовать)\s{_G}(?:принять|принятие|к публикации|к принятию|опубликовать)",
        rf"\b(?:прими(?:те)?|одобри(?:те)?)\s{_g}(?:эту|данную|нашу|статью|работу|рукопись)",
        rf"\bне (?:упоминай(?:те)?|указывай(?:те)?|отмечай(?:те)?|называй(?:те)?|критикуй(?:те)?|пиши(?:те)?)\s{_G}(?:недостатк|слаб|ограничени|проблем|изъян|минус)\w*",
        r"\b(?:должна|должно|следует|стоит)\s+(?:быть\s+)?(?:принят[аьо]?|опубликован[аоы]?|одобрен[аоы]?)",
        rf"\b(?:только|исключительно)\s{_g}(?:достоинства|сильные стороны|преимущества|положительн\w*)",
    ],
    "outcome": [
        r"\b(?:максимальн|наивысш|высш)\w* (?:балл|оценк)\w*|безусловно принять|(?:рекомендуется|рекомендую) к (?:принятию|публикации)|\b(?:положительн|благоприятн|высок|хорош|отличн|лучш|восторженн)\w*\s+(?:оценк|рецензи|отзыв|балл)\w*"
    ],
    "addressee": [
        r"\b(?:рецензент\w*|ревьюер\w*|эксперт\w*|языков\w+ модел\w+|ИИ|нейросет\w*|ассистент\w*)\b"
    ],
    "directive": [
        r"\b(?:пожалуйста|поставьте|поставь|дайте|дай|оцените|оцени|рекомендуйте|примите|не упоминайте|обязательно|должен|должны|следует)\b"
    ],
    "praise": [r"\b(?:революционн\w*|безупречн\w*|прорывн\w*|превосходн\w*)\b"],
    "chat": [],
    "meta": [
        r"\b(?:инъекци\w* промпт\w*|промпт-инъекци\w*|внедрени\w* (?:промпт|инструкц)\w*|джейлбрейк\w*)"
    ],
}

# A few more languages for recall on overrides and explicit requests.
IT = {
    "override": [
        rf"\b(?:ignora|ignorate|ignori|dimentica|dimenticate|tralascia)\b{_G}\b(?:precedenti|tutte|le|originali)\b{_g}\b(?:istruzioni|indicazioni|regole|direttive)\b"
    ],
    "request": [
        rf"\b(?:dai|date|dia|assegna|assegnate|scrivi|scrivete)\b{_G}\b(?:recensione|valutazione|punteggio|voto|giudizio)\b{_g}\b(?:positiv[aoie]|favorevol[ei]|massim[oa]|alt[oa]|eccellente|ottim[oa])\b",
        rf"\b(?:raccomanda|raccomandate|consiglia)\b{_G}\b(?:l'accettazione|accettazione|la pubblicazione)\b",
        rf"\bnon (?:menzionare|menzionate|citare|segnalare)\b{_G}\b(?:debolezze|limiti|difetti|limitazioni)\b",
    ],
    "outcome": [],
    "addressee": [r"\b(?:revisor[ei]|valutator[ei]|modell[oi] linguistic[oi])\b"],
    "directive": [r"\b(?:per favore|si prega)\b"],
    "praise": [],
    "chat": [],
    "meta": [],
}
PT = {
    "override": [
        rf"\b(?:ignore|ignora|ignorem|esqueça|esqueca|esqueçam|desconsidere|desconsidera)\b{_G}\b(?:anteriores|todas|as|originais|prévias)\b{_g}\b(?:instruções|instrucoes|orientações|regras|diretrizes)\b"
    ],
    "request": [
        rf"\b(?:dê|de|dá|atribua|atribui|escreva|escreve)\b{_G}\b(?:avaliação|avaliacao|revisão|revisao|nota|pontuação|parecer|resenha)\b{_g}\b(?:positiv[ao]|favorável|favoravel|máxim[ao]|alt[ao]|excelente)\b",
        rf"\b(?:recomende|recomenda)\b{_G}\b(?:a aceitação|aceitação|aceitacao|a publicação|publicação)\b",
        rf"\bnão (?:mencione|mencionem|aponte|cite)\b{_G}\b(?:fraquezas|limitações|limitacoes|defeitos|falhas|pontos fracos)\b",
    ],
    "outcome": [],
    "addressee": [r"\b(?:revisor(?:es)?|avaliador(?:es)?|modelos? de linguagem)\b"],
    "directive": [r"\b(?:por favor)\b"],
    "praise": [],
    "chat": [],
    "meta": [],
}

LANGUAGES: dict[str, dict[str, list[str]]] = {
    "en": EN,
    "zh": ZH,
    "ja": JA,
    "ko": KO,
    "de": DE,
    "fr": FR,
    "es": ES,
    "ru": RU,
    "it": IT,
    "pt": PT,
}
CLASSES = (
    "override",
    "request",
    "outcome",
    "addressee",
    "directive",
    "praise",
    "weak",
    "chat",
    "meta",
)

# Case-insensitive matching is done by lowering text and patterns: Python's re is several
# times slower with IGNORECASE on alternations this large.
_FLAGS = re.MULTILINE


def lower_pattern(pattern: str) -> str:
    """Lowercase a regex's literal characters, leaving escapes (\\S, \\W, \\B) alone."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        i += 1
    return "".join(out)


def lower(text: str) -> str:
    """Lowercase with the same length (offsets into the lowered text hold for the original)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def compile_ci(pattern: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """Compile for matching against ``lower(text)``."""
    return re.compile(lower_pattern(pattern), flags)


def _union(patterns: list[str]) -> re.Pattern[str] | None:
    return compile_ci("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# One regex per class across all languages (the scanner), ...
CLASS_RE: dict[str, re.Pattern[str]] = {
    cls: _union([p for lang in LANGUAGES.values() for p in lang.get(cls, [])]) for cls in CLASSES
}
# ... and per language (to tell which language an instruction is written in).
LANG_RE: dict[str, re.Pattern[str] | None] = {
    code: _union(lang["override"] + lang["request"] + lang["outcome"])
    for code, lang in LANGUAGES.items()
}
# A language model named as the one spoken to.
MODEL_ADDRESSEE_RE = compile_ci(
    r"\b(?:ai|llm|automated|automatic|machine|model|bot|gpt|chatgpt|claude|gemini|llama)[- ]?(?:based )?"
    r"(?:reviewers?|referees?|assistants?|agents?|evaluators?|judges?|readers?|systems?|models?)\b"
    r"|\b(?:large )?language models?\b|\bLLMs?\b|\bchat-?gpt\b|\bassistant\b|语言模型|人工智能|言語モデル|언어\s*모델"
    r"|\bSprachmodell|\bmodèles? de langage|\bmodelos? de lenguaje|языков\w+ модел"
    r"|\b(?:if|as|since|when) you(?:'re| are)? (?:an? |the )?(?:ai|llm|language model|assistant|model|bot)\b",
    _FLAGS,
)
# Strong signals only: what the ROT13, reversed and leetspeak views are scanned for.
STRONG_RE = _union(EN["override"] + EN["request"] + EN["chat"][:2])
# Meta-discussion of attacks: quoting markers near an instruction.
EXAMPLE_RE = compile_ci(
    r"\b(?:e\.g\.|i\.e\.|for example|for instance|such as|like|example|examples|sample|string|strings|"
    r"payload|payloads|phrase|phrases|text (?:like|such as)|instructions? (?:like|such as)|reads?|"
    r"template|templates|prompt|prompts|contain(?:s|ing)?|embed(?:s|ded|ding)?|insert(?:s|ed|ing)?|"
    r"hid(?:e|es|den|ing)|inject(?:s|ed|ing)?|attack(?:s|ers?)?|adversar\w*|malicious|"
    r"例如|比如|例えば|예를 들어|z\. ?B\.|par exemple|por ejemplo|например)\b",
    _FLAGS,
)
QUOTE_CHARS = "\"“”„«»「」『』‘’`'"

# Words one of which every override / request / outcome / chat pattern contains, cut to
# six characters: a sentence without any of them cannot match, so it is never run
# through the full patterns (that keeps the scan at hundreds of pages per second).
_ANCHOR_WORDS = """
ignore ignoring ignored disregard forget forgot skip bypass override overrule neglect discard drop
abandon aside instruction instructions prompt prompts system pretend roleplay role act now instead
rather follow obey apply previous prior above
give giving gives gave write writing provide providing produce output generate return assign
assigning award grant offer submit leave issue make rate rating ratings rated score scores scored
grade mark evaluate evaluation assess assessment judge review reviews recommend recommending
recommendation suggest vote argue push advocate accept acceptance accepted approve endorse publish
published mention mentioning highlight highlighting criticize criticise critique only exclusively
solely emphasize emphasise focus stress praise celebrate extol overlook excuse forgive downplay
must should shall deserve deserves need needs ought decision verdict final strong strongly clear
definite unconditional immediate weak borderline positive favorable favourable glowing excellent
enthusiastic perfect uncritical high higher highest top maximum max full ten nine five stars best
outstanding award worthy im_start im_end endoftext inst sys begin system assistant user human
stars out
reviewer reviewers referee referees evaluator evaluators assistant llm llms dear kindly please flawless
merits merit publication conclude treat worthy deserving seminal groundbreaking exceptional impeccable
regardless hidden secret confidential criticize criticise critique weigh regard portray respond reply
everything excellent strongly highly warmly
ignoriere ignorieren ignoriert vergiss vergessen missachte missachten übergehe verwirf verwerfen
neue gib geben gebt erteile erteilen vergib vergeben schreibe schreiben verfasse verfassen
empfiehl empfehlen empfehlt empfohlen annahme veröffentlichung nimm nehmen akzeptiere akzeptieren
erwähne erwähnen nenne nennen kritisiere kritisieren keine muss soll sollte müssen nur
ausschließlich klare starke uneingeschränkte höchstnote bestnote volle
ignorer ignorez oublie oublier oubliez tenez tiens faites fais abstraction écartez écarte
nouvelle nouvelles donne donner donnez attribue attribuer attribuez accorde accorder accordez
rédige rédigez écris écrivez écrire fournis fournissez recommande recommander recommandez
préconisez accepte accepter acceptez mentionne mentionnez signale signalez cite citez relevez
évoquez soulignez critiquez doit devrait mérite uniquement seulement acceptation note avis
ignora ignorad ignoren olvida olvide olviden olvidad omite omita descarta descarte caso pasa
nuevas dé den dale denle otorga otorgue otorguen asigna asigne asignen escribe escriba emite
emita redacta redacte concede conceda recomienda recomiende recomienden recomendar acepta acepte
acepten menciones mencione mencionen señales señale señalen incluyas incluya critiques critique
destaques destaque debe debería merece solo solamente únicamente aceptación puntuación nota
calificación reseña reseñas revisión evaluación valoración opinión dictamen informe recomendación
positiva positivas favorable favorables máxima máximo
игнорируй игнорируйте проигнорируй проигнорируйте забудь забудьте обращай обращайте отбрось
отбросьте отмени отмените пренебреги пренебрегите новые новая новое системный системная системное
поставь поставьте дай дайте выстави выставите напиши напишите присвой присвойте оставь оставьте
сделай сделайте рекомендуй рекомендуйте порекомендуй порекомендуйте рекомендовать прими примите
одобри одобрите упоминай упоминайте указывай указывайте отмечай отмечайте называй называйте
критикуй критикуйте пиши пишите должна должно следует стоит только исключительно максимальный
максимальную наивысший наивысшую высший высшую безусловно рекомендуется рекомендую
dimentica dimenticate tralascia dai date dia assegna assegnate scrivi scrivete raccomanda
raccomandate consiglia menzionare menzionate citare segnalare ignorate ignori
esqueça esqueca esqueçam desconsidere desconsidera dá atribua atribui escreva escreve recomende
mencione mencionem aponte ignorem
"""
ANCHORS: frozenset[str] = frozenset(w[:6] for w in _ANCHOR_WORDS.split())
ANCHOR_WORD_RE = re.compile(r"\w+")
NUMERIC_OUTCOME_RE = re.compile(r"\d\s*/\s*(?:10|5)\b")
CJK_ANCHOR_RE = re.compile(
    r"忽略|无视|忽视|理会|忘记|忘掉|跳过|抛弃|放弃|指令|指示|提示|任务|评价|评审|评分|分数|打分|评级|意见|接受|录用|录取|接收|通过|"
    r"推荐|建议|缺点|不足|弱点|局限|缺陷|优点|长处|亮点|满分|高分|应当|应该|必须|务必|"
    r"無視|忘れ|破棄|命令|指令|プロンプト|評価|レビュー|スコア|点数|査読|評点|採択|受理|アクセプト|掲載|弱点|欠点|短所|限界|問題点|長所|強み|利点|満点|"
    r"무시|잊|지시|지침|명령|프롬프트|평가|리뷰|점수|심사|평점|채택|승인|게재|수락|합격|약점|단점|한계|장점|강점|만점"
)
CJK_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


# Per-class word gates: the letters a match of a class must contain. A class regex only
# runs on a sentence that holds one of its literal words (by four-letter prefix, or whole
# for short words); sentences with CJK characters run every class.
def _literals(pattern: str) -> set[str]:
    p = re.sub(
        r"([^\W\d_])\?", "", pattern
    )  # "reviewers?" -> "reviewer", "favou?rable" -> "favorable"
    p = re.sub(r"\\[A-Za-z]", " ", p)
    p = re.sub(r"\[[^\]]*\]", " ", p)
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", p)}


CLASS_GATES: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
for _cls in CLASSES:
    _lits: set[str] = set()
    for _lang in LANGUAGES.values():
        for _p in _lang.get(_cls, []):
            _lits |= _literals(_p)
    CLASS_GATES[_cls] = (
        frozenset(w[:4] for w in _lits if len(w) >= 4),
        frozenset(w for w in _lits if len(w) < 4),
    )
GATE_WORD_RE = re.compile(r"[^\W\d_]+")

# A vocative: the sentence opens by naming who it speaks to ("Dear reviewer,", "Note to AI
# reviewers:", "For automated evaluators:"). Checked in code: at most five words before it.
VOCATIVE_RE = compile_ci(
    r"\b(?:reviewers?|referees?|evaluators?|assistants?|models?|llms?|ais?|agents?|judges?|readers?|systems?|chairs?)"
    r"\s*(?:note|notice|instructions?|guidance|only)?\s*[:,]"
)


# Pattern-level index: every pattern is compiled on its own and filed under the literal
# words it contains (whole, and by three- and four-letter prefix). A sentence runs only the
# patterns one of whose words it holds; the few patterns without letters always run.
class _Indexed:
    __slots__ = ("cls", "rx")

    def __init__(self, cls: str, rx: re.Pattern[str]) -> None:
        self.cls = cls
        self.rx = rx


# Words too common to file a pattern under (a pattern is filed under its rarer words).
_STOP = frozenset(
    "the this that these our my your you any all an of to for in on at is are be by with as and or not "
    "do it its we they which who from into than then there here so such can will would has have had "
    "de la le les des du un une el los las del y en que und der die das den dem mit ist sie ein eine "
    "il di da per che al".split()
)
PATTERNS: list[_Indexed] = []
ALWAYS: list[int] = []
WORD_INDEX: dict[str, list[int]] = {}
PREFIX3_INDEX: dict[str, list[int]] = {}
PREFIX4_INDEX: dict[str, list[int]] = {}
_CJK_PATTERN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
for _cls in CLASSES:
    for _lang in LANGUAGES.values():
        for _p in _lang.get(_cls, []):
            _i = len(PATTERNS)
            PATTERNS.append(_Indexed(_cls, compile_ci(_p)))
            _lits = {w for w in _literals(_p) if not _CJK_PATTERN.search(w)}
            _lits = (_lits - _STOP) or _lits
            if (
                not _lits
                or _CJK_PATTERN.search(_p)
                and not re.search(r"[A-Za-z\u0400-\u04ff]{3}", _p)
            ):
                ALWAYS.append(_i)
                continue
            for _w in _lits:
                WORD_INDEX.setdefault(_w, []).append(_i)
                if len(_w) == 3:
                    PREFIX3_INDEX.setdefault(_w, []).append(_i)
                elif len(_w) >= 4:
                    PREFIX4_INDEX.setdefault(_w[:4], []).append(_i)
CJK_PATTERNS = [i for i, p in enumerate(PATTERNS) if _CJK_PATTERN.search(p.rx.pattern)]


def candidate_patterns(words: set[str], cjk: bool) -> list[int]:
    """Ids of the patterns a text with these (lowercase) words could match, in order."""
    ids: set[int] = set(ALWAYS)
    wi, p3, p4 = WORD_INDEX, PREFIX3_INDEX, PREFIX4_INDEX
    for w in words:
        hit = wi.get(w)
        if hit:
            ids.update(hit)
        hit = p3.get(w[:3])
        if hit:
            ids.update(hit)
        hit = p4.get(w[:4])
        if hit:
            ids.update(hit)
    if cjk:
        ids.update(CJK_PATTERNS)
    return sorted(ids)
