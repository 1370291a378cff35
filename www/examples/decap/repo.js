// The posts Decap's test-repo backend starts with: it keeps a site's files in memory, in
// window.repoFiles (folder -> file name -> { content }), so the example needs no server and no
// Git host. Nothing is saved: a reload starts again from these two posts.
window.repoFiles = {
  _posts: {
    '2026-10-18-chengdu-meetup.md': {
      content: `---
title: 在成都办一场小型技术分享会的记录
date: 2026-10-18 20:30:00
tags:
  - 线下活动
  - 社区
categories:
  - 随笔
---

上周末，我们在成都的一家书店里办了第一次小型技术分享会，来了二十多位朋友。

## 为什么要办线下活动？

线上群聊很热闹，但**真正认识一个人，**还是要面对面坐下来聊一次。

> [!TIP]
> 场地不必大，能坐下三十个人、有一块投影幕布就够了。

## 当天的安排

1. 下午两点签到，自我介绍；
2. 三场二十分钟的分享；
3. 自由交流，一直聊到书店打烊。

第一场讲的是用 Python 整理照片[^照片]：

\`\`\`python
from pathlib import Path

for photo in sorted(Path("相册").glob("*.jpg")):
    print(photo.name)
\`\`\`

[^照片]: 讲者后来把完整的脚本放在了他的博客上。
`,
    },
    '2026-11-02-reading-notes.md': {
      content: `---
title: 十一月读书笔记
date: 2026-11-02 09:15:00
tags:
  - 读书
---

这个月读完了两本书，都和**写作**有关。

## 第一本：关于删减

作者说，*改稿的一半工作是删掉自己舍不得的句子。*
`,
    },
  },
};
